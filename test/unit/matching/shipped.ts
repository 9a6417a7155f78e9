import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compileMatcher, type Matcher } from '../../../src/matching/index.js';
import { watchlistSchema, type Watchlist } from '../../../src/matching/watchlist-schema.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function shippedWatchlists(): Watchlist[] {
  const dir = path.join(repoRoot, 'config/watchlists');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => watchlistSchema.parse(parse(readFileSync(path.join(dir, f), 'utf8'))));
}

let cached: Matcher | undefined;
export function shippedMatcher(): Matcher {
  cached ??= compileMatcher({ watchlists: shippedWatchlists() });
  return cached;
}

export function cats(text: string): string[] {
  return shippedMatcher().match({ title: text, body: '' }).categories;
}

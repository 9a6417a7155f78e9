import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemLanguage } from '../../../src/feeds/language.js';
import { repoRoot } from '../../helpers/config.js';

/*
 * The figure docs/alerts.md gives for language detection, measured: the project's labelled items
 * (our own, every language), undeclared, headline plus summary as a feed item has them.
 */
const fixtures = path.join(repoRoot, 'test/fixtures/eval');

describe('language detection on the labelled items', () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith('-train.jsonl'));
  it.each(files)('%s: at least 98 % right', (file) => {
    const items = readFileSync(path.join(fixtures, file), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { language: string; title: string; summary: string });
    const right = items.filter(
      (it) => itemLanguage(undefined, it.title, it.summary ?? '') === it.language,
    ).length;
    expect(right / items.length).toBeGreaterThanOrEqual(0.98);
  });
});

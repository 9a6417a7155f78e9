import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import path from 'node:path';
import { configSchema, type Config, type ConfigInput } from '../../src/config/schema.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
/** Whether the shared corpus lies beside the repository (CI always has it; .ci/run checks). */
export const sharedPresent = existsSync(sharedDir);

/**
 * For `describe.skipIf`: true when ../shared is missing, after saying in one line what is
 * skipped, so a bare clone's `npm test` passes and tells why a group did not run.
 */
export function withoutShared(what: string): boolean {
  if (sharedPresent) return false;
  process.stdout.write(`skipped: ${what} (needs ${sharedDir}, which is not there)\n`);
  return true;
}

/** A parade article written for the project (both categories): the seed's facts in our words. */
export const paradeArticle = path.join(repoRoot, 'test/fixtures/parade-article.txt');

/**
 * A validated config built in memory (no file), for in-process tests. Without `watchlists` in
 * the input it names none (the matcher then has rules but no lists).
 */
export function testConfig(input: ConfigInput, baseDir = repoRoot): Config {
  const parsed = configSchema.parse(input);
  const abs = (p: string) => path.resolve(baseDir, p);
  return Object.freeze({
    ...parsed,
    watchlists: input.watchlists ? parsed.watchlists.map(abs) : [],
    detection: { ...parsed.detection, rules: parsed.detection.rules.map(abs) },
    configPath: path.join(baseDir, '<test>'),
    baseDir,
    watchlistFiles: [],
    ruleFiles: [],
  });
}

/**
 * `describe` for a group whose set-up itself reads ../shared (vitest runs a skipped group's body
 * to collect it): without the corpus it says so in one line and registers the group as skipped.
 */
export function describeWithShared(what: string, name: string, body: () => void): void {
  const missing = withoutShared(what);
  describe(name, missing ? () => it.skipIf(missing)(`needs ${sharedDir}`, () => undefined) : body);
}

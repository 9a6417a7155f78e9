import path from 'node:path';
import { configSchema, type Config, type ConfigInput } from '../../src/config/schema.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');

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

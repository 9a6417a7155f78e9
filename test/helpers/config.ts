import path from 'node:path';
import { configSchema, type Config, type ConfigInput } from '../../src/config/schema.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');

/** A validated config built in memory (no file), for in-process tests. */
export function testConfig(input: ConfigInput, baseDir = repoRoot): Config {
  const parsed = configSchema.parse(input);
  return Object.freeze({
    ...parsed,
    configPath: path.join(baseDir, '<test>'),
    baseDir,
    watchlistFiles: [],
    ruleFiles: [],
  });
}

import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Config } from '../config/schema.js';
import { loadWatchlists } from '../config/load.js';
import { SwError } from '../errors.js';
import { compileMatcher, type Matcher } from '../matching/index.js';

export interface CompiledMatcher {
  matcher: Matcher;
  names: number;
  lists: number;
}

/** Reads the config's watchlists and rule files and compiles a matcher (I/O here, rules stay pure). */
export async function compileFromConfig(config: Config): Promise<CompiledMatcher> {
  const watchlists = await loadWatchlists(config);
  const rules: unknown[] = [];
  for (const file of config.ruleFiles) {
    try {
      rules.push(parse(await readFile(file, 'utf8')));
    } catch (cause) {
      throw new SwError('CONFIG_INVALID', `${file}: cannot read rules`, { cause });
    }
  }
  let matcher: Matcher;
  try {
    matcher = compileMatcher({ watchlists, rules, threshold: config.detection.threshold });
  } catch (cause) {
    throw new SwError(
      'CONFIG_INVALID',
      `invalid rules: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`,
      { cause },
    );
  }
  const names = watchlists.reduce(
    (n, w) => n + w.entries.reduce((m, e) => m + 1 + e.aliases.length, 0),
    0,
  );
  return { matcher, names, lists: watchlists.length };
}

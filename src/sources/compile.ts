import type { Config } from '../config/schema.js';
import { SwError } from '../errors.js';
import { compileMatcher, type Matcher } from '../matching/index.js';
import { loadMatcherSources, type MatcherSources } from './load.js';

export interface CompiledMatcher {
  matcher: Matcher;
  /** Names and aliases compiled. */
  names: number;
  lists: number;
}

/** Compiles sources into a matcher. Throws `CONFIG_INVALID` with the rule problem's first line. */
export function compileSources(sources: MatcherSources): CompiledMatcher {
  let matcher: Matcher;
  try {
    matcher = compileMatcher({
      watchlists: sources.watchlists,
      rules: sources.rules,
      threshold: sources.threshold,
    });
  } catch (cause) {
    throw new SwError(
      'CONFIG_INVALID',
      `invalid rules: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`,
      { cause },
    );
  }
  return { matcher, names: countNames(sources), lists: sources.watchlists.length };
}

export function countNames(sources: MatcherSources): number {
  return sources.watchlists.reduce(
    (n, w) => n + w.entries.reduce((m, e) => m + 1 + e.aliases.length, 0),
    0,
  );
}

/** Reads the config's watchlists and rules and compiles a matcher: the offline commands' matcher. */
export async function compileFromConfig(config: Config): Promise<CompiledMatcher> {
  return compileSources(await loadMatcherSources(config));
}

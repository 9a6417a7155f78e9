import type { Config } from '../config/schema.js';
import { loadWatchlists } from '../config/load.js';
import { compileMatcher, type Matcher } from '../matching/index.js';

export interface CompiledMatcher {
  matcher: Matcher;
  names: number;
  lists: number;
}

/** Reads the config's watchlists and rules and compiles a matcher (I/O here, rules stay pure). */
export async function compileFromConfig(config: Config): Promise<CompiledMatcher> {
  const watchlists = await loadWatchlists(config);
  const matcher = compileMatcher({ watchlists, threshold: config.detection.threshold });
  const names = watchlists.reduce((n, w) => n + w.entries.reduce((m, e) => m + 1 + e.aliases.length, 0), 0);
  return { matcher, names, lists: watchlists.length };
}

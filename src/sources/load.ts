import path from 'node:path';
import { expandGlob } from '../config/glob.js';
import type { Config } from '../config/schema.js';
import { SwError } from '../errors.js';
import type { Watchlist } from '../matching/watchlist-schema.js';
import { loadRuleFiles, loadWatchlistFiles } from './watchlists.js';

/**
 * Everything a matcher is compiled from, as plain data: what the main thread reads and checks,
 * and what it sends to the matcher threads (which read no files themselves).
 */
export interface MatcherSources {
  watchlists: Watchlist[];
  /** Rule files' parsed contents. */
  rules: unknown[];
  threshold: number;
  /** The watchlist and rule files read, in order. */
  files: string[];
}

/** The files a config's globs match now; a glob matching nothing is an error naming it. */
async function expandPatterns(patterns: readonly string[], key: string): Promise<string[]> {
  const files = new Set<string>();
  for (const [i, pattern] of patterns.entries()) {
    const matched = await expandGlob(pattern, path.sep);
    if (matched.length === 0) {
      throw new SwError('WATCHLIST_INVALID', `${key}[${i}]: "${pattern}" matches no file`);
    }
    for (const m of matched) files.add(m);
  }
  return [...files];
}

/**
 * Reads the watchlists and rules the config names, expanding its globs afresh so that a file
 * added since start counts. Throws `WATCHLIST_INVALID` or `CONFIG_INVALID` naming the file.
 */
export async function loadMatcherSources(config: Config): Promise<MatcherSources> {
  const watchlistFiles = await expandPatterns(config.watchlists, 'watchlists');
  const ruleFiles = await expandPatterns(config.detection.rules, 'detection.rules');
  const watchlists = await loadWatchlistFiles(watchlistFiles);
  const rules = await loadRuleFiles(ruleFiles);
  return {
    watchlists,
    rules,
    threshold: config.detection.threshold,
    files: [...watchlistFiles, ...ruleFiles],
  };
}

/**
 * The folders to watch for a config's watchlists and rules: each glob's folder up to its first
 * wildcard, so a new file there is seen; a plain file path watches its own folder.
 */
export function watchedFolders(config: Config): string[] {
  const folders = new Set<string>();
  for (const pattern of [...config.watchlists, ...config.detection.rules]) {
    const parts = pattern.split(path.sep);
    const magic = parts.findIndex((p) => /[*?[]/.test(p));
    folders.add(
      magic === -1 ? path.dirname(pattern) : parts.slice(0, magic).join(path.sep) || path.sep,
    );
  }
  return [...folders];
}

// PROVISIONAL: the detection work replaces this with the real engine (same exported signatures).
import type { Watchlist } from './watchlist-schema.js';
import type { MatchInput, MatchResult } from './types.js';

export interface MatcherOptions {
  watchlists: readonly Watchlist[];
  /** Rule files' parsed contents; empty means the built-in rules. */
  rules?: readonly unknown[];
  /** @defaultValue 0.5 */
  threshold?: number;
}

export interface Matcher {
  match(input: MatchInput): MatchResult;
  /** Category names the rules can produce. */
  readonly categories: readonly string[];
}

export function compileMatcher(_options: MatcherOptions): Matcher {
  return {
    categories: ['arms_transfer', 'un_violation'],
    match: () => ({ flagged: false, categories: [], score: 0, matches: [], evidence: [] }),
  };
}

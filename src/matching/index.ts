import type { Watchlist } from './watchlist-schema.js';
import type { MatchInput, MatchResult } from './types.js';
import { compile } from './compile.js';
import { matchItem } from './engine.js';

export interface MatcherOptions {
  watchlists: readonly Watchlist[];
  /**
   * Rule files' parsed contents (see `rule-schema.ts`); they merge over the built-in rules by
   * category. @defaultValue [] (the built-in rules)
   */
  rules?: readonly unknown[];
  /** A category fires when its score reaches this. @defaultValue 0.5 */
  threshold?: number;
  /** Clock for items without a date (ms since the epoch). @defaultValue Date.now */
  now?: () => number;
}

export interface Matcher {
  match(input: MatchInput): MatchResult;
  /** Category names the rules can produce. */
  readonly categories: readonly string[];
}

/**
 * Compiles watchlists, vocabularies and rules once; `match` then costs a few table reads per token
 * of the item, whatever the number of names. Throws a ZodError when a rule file is invalid.
 */
export function compileMatcher(options: MatcherOptions): Matcher {
  const compiled = compile(options.watchlists, options.rules ?? []);
  const threshold = options.threshold ?? 0.5;
  const now = options.now ?? Date.now;
  return {
    categories: compiled.rules.map((r) => r.category),
    match: (input) => matchItem(compiled, threshold, input, now()),
  };
}

export { plainText } from './types.js';
export type { Match, MatchInput, MatchResult } from './types.js';
export { parseRules, ruleSchema, type Rule, type RuleInput } from './rule-schema.js';

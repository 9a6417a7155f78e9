import { phraseTokens } from './text.js';
import { BUILTIN_VOCABULARY, expandPhrase } from './vocabulary.js';

/** A vocabulary phrase's tokens; `#` and `#res` stay number classes. */
export function vocabTokens(phrase: string): string[] {
  return phrase
    .split(/\s+/)
    .flatMap((piece) => (piece === '#' || piece === '#res' ? [piece] : phraseTokens(piece)));
}

export interface GroupTokens {
  keys: ReadonlySet<string>;
  phrases: readonly string[][];
}

let builtinTokens: ReadonlyMap<string, GroupTokens> | undefined;

/**
 * The built-in vocabulary expanded and tokenised, once per thread: it never changes, and redoing
 * it on every watchlist reload in every matcher thread made reloads slow on a busy machine.
 */
export function builtinVocabularyTokens(): ReadonlyMap<string, GroupTokens> {
  if (builtinTokens) return builtinTokens;
  const byGroup = new Map<string, GroupTokens>();
  for (const [group, list] of Object.entries(BUILTIN_VOCABULARY)) {
    const keys = new Set<string>();
    const phrases: string[][] = [];
    for (const p of list) {
      for (const variant of expandPhrase(p)) {
        const toks = vocabTokens(variant);
        const key = toks.join(' ');
        if (keys.has(key)) continue;
        keys.add(key);
        phrases.push(toks);
      }
    }
    byGroup.set(group, { keys, phrases });
  }
  builtinTokens = byGroup;
  return byGroup;
}

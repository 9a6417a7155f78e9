import { normaliseToken } from './languages.js';

const MARKS = /\p{M}+/gu;
/** Arabic-Indic and Persian digits (٢٢١٦, ۲۲۱۶): the Arabic press writes resolution numbers either way. */
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

function westernDigit(d: string): string {
  const c = d.charCodeAt(0);
  return String(c - (c >= 0x6f0 ? 0x6f0 : 0x660));
}

/** Folds one token: compatibility forms, case, diacritics. ASCII takes the fast path. */
export function foldWord(word: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[ıİ]/g, 'i')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(/[æÆ]/g, 'ae')
    .replace(EASTERN_DIGITS, westernDigit)
    .normalize('NFKC');
}

/**
 * Folded and script-normalised forms of non-ASCII words, which recur from item to item: Unicode
 * normalisation is the dearest step of tokenising. Bounded: cleared when full.
 */
const FOLDED = new Map<string, string>();
const FOLDED_MAX = 50_000;

/** `normaliseToken(foldWord(word))`, remembered. */
export function foldToken(word: string): string {
  let norm = FOLDED.get(word);
  if (norm === undefined) {
    norm = normaliseToken(foldWord(word));
    if (FOLDED.size >= FOLDED_MAX) FOLDED.clear();
    // A copy of the key: a slice of an item's text may keep the whole text alive.
    FOLDED.set(` ${word}`.slice(1), norm);
  }
  return norm;
}

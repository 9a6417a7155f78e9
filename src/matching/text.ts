import { normaliseHan } from './languages.js';
import { foldToken } from './fold.js';
import { HAN, WORD, charClass, isCloser, isDigitCode, isSpace } from './chars.js';
import { clean } from './markup.js';
import { compoundSplit } from './decompound.js';
import { HASH_SEED, hashStep, hashToken } from './token-ids.js';

export { foldWord } from './fold.js';

/**
 * Normalisation and tokenisation, done once per item. Tokens carry offsets into the ORIGINAL
 * plain text, so matches can quote the text as it stood even after entities were decoded,
 * tags dropped, case and diacritics folded.
 */
export interface Token {
  /** Normalised form: NFKC, lower case, diacritics removed. */
  norm: string;
  /** `hashToken(norm)`, computed while scanning. */
  hash: number;
  start: number;
  end: number;
  /** Index of the sentence holding the token. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
}

export interface TokenisedText {
  tokens: Token[];
  sentences: Sentence[];
}

const CLITICS = new Set(['s', 't', 'd', 'll', 're', 've', 'm']);
const APOSTROPHES = new Set(["'", '\u2019']);

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'maj',
  'adm',
  'gov',
  'sen',
  'rep',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'nos',
  'vs',
  'etc',
  'inc',
  'corp',
  'co',
  'ltd',
  'jr',
  'sr',
  'mt',
  'ft',
  'fig',
  'approx',
  'est',
]);

function isUpperStart(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  // Scripts without case (Hangul, Arabic, CJK) start every sentence with a letter of class Lo.
  return /[\p{Lu}\p{Lo}\p{N}"'‘“«(]/u.test(ch);
}

/** One item's tokenising under way; sentence state lives here so helpers need no closures. */
interface Scan {
  original: string;
  text: string;
  map: Int32Array | undefined;
  tokens: Token[];
  sentences: Sentence[];
  sentence: number;
  sentenceStart: number;
  sentenceHasTokens: boolean;
}

/** The original offset of a char of the cleaned text. */
function orig(s: Scan, i: number): number {
  const map = s.map;
  return map ? (i < map.length ? map[i] : s.original.length) : i;
}

function openSentence(s: Scan, i: number): void {
  if (s.sentenceHasTokens) return;
  s.sentenceStart = i;
  s.sentenceHasTokens = true;
}

function closeSentence(s: Scan, endText: number): void {
  if (!s.sentenceHasTokens) return;
  s.sentences.push({ start: orig(s, s.sentenceStart), end: orig(s, endText) });
  s.sentence++;
  s.sentenceHasTokens = false;
}

/**
 * Splits text into tokens (runs of letters and digits; letters and digits are split apart so
 * `152mm` and `152 mm`, `Hwasong-17` and `Hwasong 17` read the same) and sentences (a full stop,
 * question or exclamation mark before a capital, a semicolon, or a blank line).
 */
export function tokenise(original: string): TokenisedText {
  const { text, map } = clean(original);
  const s: Scan = {
    original,
    text,
    map,
    tokens: [],
    sentences: [],
    sentence: 0,
    sentenceStart: 0,
    sentenceHasTokens: false,
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const isAsciiWord =
      (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
    const cls = code > 127 ? charClass(code) : 0;
    if ((cls & HAN) !== 0) {
      // Chinese has no spaces: each character is a token and phrases match as sequences.
      openSentence(s, i);
      const at = orig(s, i);
      const norm = normaliseHan(text[i]);
      s.tokens.push({ norm, hash: hashToken(norm), start: at, end: at + 1, sentence: s.sentence });
      i++;
    } else if (code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0x061f) {
      // 。！？ and the Arabic question mark end a sentence; no space or capital follows them.
      closeSentence(s, i + 1);
      i++;
    } else if (isAsciiWord || (cls & WORD) !== 0) {
      openSentence(s, i);
      i = scanWord(s, i);
    } else if (code === 59) {
      // Wire copy joins separate statements with semicolons; rules read them apart.
      closeSentence(s, i + 1);
      i++;
    } else if (code === 46 || code === 33 || code === 63 || code === 8230) {
      i = sentenceEnd(s, i, code);
    } else if (code === 10 || code === 13) {
      // A blank line ends a paragraph and so a sentence; a single line break does not.
      let j = i + 1;
      let lines = code === 10 ? 1 : 0;
      while (j < n && isSpace(text.charCodeAt(j))) {
        if (text.charCodeAt(j) === 10) lines++;
        j++;
      }
      if (lines >= 2) closeSentence(s, i);
      i = j;
    } else {
      i++;
    }
  }
  closeSentence(s, n);
  return { tokens: s.tokens, sentences: s.sentences };
}

/** Reads the word starting at `start` into a token; returns where it ends. */
function scanWord(s: Scan, start: number): number {
  const text = s.text;
  const n = text.length;
  const code = text.charCodeAt(start);
  const digit = code >= 48 && code <= 57;
  let ascii = code <= 127;
  let upper = code >= 65 && code <= 90;
  // The hash of the lower-cased chars: for an ASCII word, of its norm.
  let hash = hashStep(HASH_SEED, upper ? code + 32 : code);
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cDigit = c >= 48 && c <= 57;
    if (digit) {
      // 7.62, 120,000: a separator between digits stays in the number.
      const separated = (c === 46 || c === 44) && i + 1 < n && isDigitCode(text.charCodeAt(i + 1));
      if (!cDigit && !separated) break;
      hash = hashStep(hash, c);
      if (separated) hash = hashStep(hash, text.charCodeAt(i + 1));
      i += separated ? 2 : 1;
      continue;
    }
    if (cDigit) break;
    if (c >= 97 && c <= 122) {
      hash = hashStep(hash, c);
    } else if (c >= 65 && c <= 90) {
      upper = true;
      hash = hashStep(hash, c + 32);
    } else if (c > 127 && (charClass(c) & (WORD | HAN)) === WORD) {
      ascii = false;
    } else {
      break;
    }
    i++;
  }
  const word = text.slice(start, i);
  // ASCII folds to lower case alone and no script step applies to it (see foldWord).
  const norm = ascii ? (upper ? word.toLowerCase() : word) : foldToken(word);
  if (!ascii) hash = hashToken(norm);
  // English clitics after an apostrophe ("company's", "don't") are no word of their own: a
  // lone "s" would otherwise join the next number into a name ("'s 400" as S-400).
  if (!(
    norm.length <= 2 &&
    start >= 2 &&
    APOSTROPHES.has(text[start - 1]) &&
    CLITICS.has(norm) &&
    /\p{L}/u.test(text[start - 2])
  )) {
    pushWord(s, norm, hash, start, i);
  }
  return i;
}

/**
 * Pushes a word's token, or its two parts when it is a German compound of known parts
 * (Waffen|lieferungen). Where folding changed the length (ß → ss) the split point cannot be
 * mapped onto the text, and both parts carry the whole word's span.
 */
function pushWord(s: Scan, norm: string, hash: number, start: number, i: number): void {
  const from = orig(s, start);
  const end = orig(s, i - 1) + 1;
  const k = compoundSplit(norm);
  if (k === 0) {
    s.tokens.push({ norm, hash, start: from, end, sentence: s.sentence });
    return;
  }
  const mid = norm.length === i - start ? orig(s, start + k) : end;
  const head = norm.slice(0, k);
  const tail = norm.slice(k);
  s.tokens.push({ norm: head, hash: hashToken(head), start: from, end: mid, sentence: s.sentence });
  s.tokens.push({
    norm: tail,
    hash: hashToken(tail),
    start: mid === end ? from : mid,
    end,
    sentence: s.sentence,
  });
}

/** . ! ? … : end of sentence when followed by space and a capital (or the end). */
function sentenceEnd(s: Scan, i: number, code: number): number {
  const text = s.text;
  const n = text.length;
  let j = i + 1;
  while (j < n && isCloser(text.charCodeAt(j))) j++;
  const spaced = j < n && isSpace(text.charCodeAt(j));
  let k = j;
  while (k < n && isSpace(text.charCodeAt(k))) k++;
  const last = s.tokens[s.tokens.length - 1];
  const abbrev =
    code === 46 &&
    last !== undefined &&
    last.end === orig(s, i) &&
    (ABBREVIATIONS.has(last.norm) || (last.norm.length === 1 && /[a-z]/.test(last.norm)));
  if (!abbrev && (k >= n || (spaced && isUpperStart(text[k])))) {
    closeSentence(s, j);
    return j;
  }
  return i + 1;
}

/** Tokenises a watchlist name or a vocabulary phrase the same way item text is tokenised. */
export function phraseTokens(phrase: string): string[] {
  return tokenise(phrase).tokens.map((t) => t.norm);
}

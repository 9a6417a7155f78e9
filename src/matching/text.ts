import { decodeHTML } from 'entities';
import { isHan, normaliseHan, normaliseToken } from './languages.js';

/**
 * Normalisation and tokenisation, done once per item. Tokens carry offsets into the ORIGINAL
 * plain text, so matches can quote the text as it stood even after entities were decoded,
 * tags dropped, case and diacritics folded.
 */
export interface Token {
  /** Normalised form: NFKC, lower case, diacritics removed. */
  norm: string;
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

const MARKS = /\p{M}+/gu;
const CLITICS = new Set(['s', 't', 'd', 'll', 're', 've', 'm']);
const APOSTROPHES = new Set(["'", '\u2019']);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

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
    .normalize('NFKC');
}

/** Plain text with entities decoded and tags removed, and for each of its chars the original offset. */
interface Cleaned {
  text: string;
  /** Original offset of each char of `text`; undefined when identical to the original. */
  map?: Int32Array;
}

const NEEDS_CLEANING = /[&<]/;
const ENTITY = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;
const TAG = /^<\/?[a-z][^<>]{0,500}>/i;

function clean(original: string): Cleaned {
  if (!NEEDS_CLEANING.test(original)) return { text: original };
  const out: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < original.length) {
    const ch = original[i];
    if (ch === '&' || ch === '<') {
      const rest = original.slice(i, i + 520);
      const ent = ch === '&' ? ENTITY.exec(rest) : null;
      if (ent) {
        const decoded = decodeHTML(ent[0]);
        for (const c of decoded) {
          out.push(c);
          map.push(i);
        }
        i += ent[0].length;
        continue;
      }
      const tag = ch === '<' ? TAG.exec(rest) : null;
      if (tag) {
        out.push(' ');
        map.push(i);
        i += tag[0].length;
        continue;
      }
    }
    out.push(ch);
    map.push(i);
    i++;
  }
  return { text: out.join(''), map: Int32Array.from(map) };
}

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
  return /[\p{Lu}\p{N}"'‘“«(]/u.test(ch);
}

/**
 * Splits text into tokens (runs of letters and digits; letters and digits are split apart so
 * `152mm` and `152 mm`, `Hwasong-17` and `Hwasong 17` read the same) and sentences (a full stop,
 * question or exclamation mark before a capital, a semicolon, or a blank line).
 */
export function tokenise(original: string): TokenisedText {
  const { text, map } = clean(original);
  const orig = (i: number): number => (map ? (i < map.length ? map[i] : original.length) : i);
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let sentenceStart = 0;
  let sentence = 0;
  let sentenceHasTokens = false;
  const closeSentence = (endText: number): void => {
    if (!sentenceHasTokens) return;
    sentences.push({ start: orig(sentenceStart), end: orig(endText) });
    sentence++;
    sentenceHasTokens = false;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const isAsciiWord =
      (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
    if (code > 127 && isHan(text[i])) {
      // Chinese has no spaces: each character is a token and phrases match as sequences.
      if (!sentenceHasTokens) {
        sentenceStart = i;
        sentenceHasTokens = true;
      }
      tokens.push({ norm: normaliseHan(text[i]), start: orig(i), end: orig(i) + 1, sentence });
      i++;
      continue;
    }
    if (code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0x061f) {
      // 。！？ and the Arabic question mark end a sentence; no space or capital follows them.
      closeSentence(i + 1);
      i++;
      continue;
    }
    if (isAsciiWord || (code > 127 && WORD_CHAR.test(text[i]))) {
      if (!sentenceHasTokens) {
        sentenceStart = i;
        sentenceHasTokens = true;
      }
      const start = i;
      const digit = code >= 48 && code <= 57;
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        const cDigit = c >= 48 && c <= 57;
        if (digit) {
          if (cDigit) {
            i++;
            continue;
          }
          // 7.62, 120,000: a separator between digits stays in the number.
          if ((c === 46 || c === 44) && i + 1 < n && isDigitCode(text.charCodeAt(i + 1))) {
            i += 2;
            continue;
          }
          break;
        }
        if (cDigit) break;
        const cAscii = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
        if (cAscii || (c > 127 && WORD_CHAR.test(text[i]) && !isHan(text[i]))) {
          i++;
          continue;
        }
        break;
      }
      const norm = normaliseToken(foldWord(text.slice(start, i)));
      // English clitics after an apostrophe ("company's", "don't") are no word of their own: a
      // lone "s" would otherwise join the next number into a name ("'s 400" as S-400).
      if (!(
        CLITICS.has(norm) &&
        start >= 2 &&
        APOSTROPHES.has(text[start - 1]) &&
        /\p{L}/u.test(text[start - 2])
      )) {
        tokens.push({ norm, start: orig(start), end: orig(i - 1) + 1, sentence });
      }
      continue;
    }
    if (code === 59) {
      // Wire copy joins separate statements with semicolons; rules read them apart.
      closeSentence(i + 1);
      i++;
      continue;
    }
    if (code === 46 || code === 33 || code === 63 || code === 8230) {
      // . ! ? … : end of sentence when followed by space and a capital (or the end).
      let j = i + 1;
      while (j < n && /["'’”»)\]]/.test(text[j])) j++;
      const spaced = j < n && /\s/.test(text[j]);
      let k = j;
      while (k < n && /\s/.test(text[k])) k++;
      const last = tokens[tokens.length - 1];
      const abbrev =
        code === 46 &&
        last !== undefined &&
        last.end === orig(i) &&
        (ABBREVIATIONS.has(last.norm) || (last.norm.length === 1 && /[a-z]/.test(last.norm)));
      if (!abbrev && (k >= n || (spaced && isUpperStart(text[k])))) {
        closeSentence(j);
        i = j;
        continue;
      }
      i++;
      continue;
    }
    if (code === 10 || code === 13) {
      // A blank line ends a paragraph and so a sentence; a single line break does not.
      let j = i + 1;
      let lines = code === 10 ? 1 : 0;
      while (j < n && /\s/.test(text[j])) {
        if (text.charCodeAt(j) === 10) lines++;
        j++;
      }
      if (lines >= 2) closeSentence(i);
      i = j;
      continue;
    }
    i++;
  }
  closeSentence(n);
  return { tokens, sentences };
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Tokenises a watchlist name or a vocabulary phrase the same way item text is tokenised. */
export function phraseTokens(phrase: string): string[] {
  return tokenise(phrase).tokens.map((t) => t.norm);
}

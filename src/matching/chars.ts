import { isHan } from './languages.js';

/**
 * What the tokeniser asks of each UTF-16 code unit, answered by the Unicode regexes once per code
 * unit and then read from a table: the same answers, without a regex run per character of text.
 */
export const WORD = 1;
export const HAN = 2;
export const SPACE = 4;
const KNOWN = 128;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const SPACE_CHAR = /\s/;
const table = new Uint8Array(0x10000);

/** The classes (WORD, HAN, SPACE bits) of one code unit, as the regexes see it alone. */
export function charClass(code: number): number {
  const known = table[code];
  if (known !== 0) return known & ~KNOWN;
  const ch = String.fromCharCode(code);
  const cls =
    (WORD_CHAR.test(ch) ? WORD : 0) | (isHan(ch) ? HAN : 0) | (SPACE_CHAR.test(ch) ? SPACE : 0);
  table[code] = cls | KNOWN;
  return cls;
}

/** Whether a code unit is white space (as `/\s/`). */
export function isSpace(code: number): boolean {
  return (charClass(code) & SPACE) !== 0;
}

/** Closing quotes and brackets that may stand between a full stop and the next sentence. */
export function isCloser(code: number): boolean {
  return (
    code === 34 ||
    code === 39 ||
    code === 0x2019 ||
    code === 0x201d ||
    code === 0xbb ||
    code === 41 ||
    code === 93
  );
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

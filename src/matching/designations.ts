/**
 * Weapon designations as the Russian and Ukrainian press writes them: the Latin letters of a
 * designation in Cyrillic (S-400 → С-400, Su-35 → Су-35, MiG-29 → МиГ-29 / МіГ-29, Kh-101 →
 * Х-101, BTR-82A → БТР-82А), so a watchlist written once in Latin matches both scripts.
 * Only designation-shaped names (a few letters, then digits) are turned: full words such as
 * "Iskander" are names a linguist writes into the list in their own spelling.
 */

// Longest first: two-letter sounds before single letters.
const DIGRAPHS: ReadonlyArray<readonly [string, string]> = [
  ['kh', 'х'],
  ['zh', 'ж'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ya', 'я'],
  ['yu', 'ю'],
];
const LETTERS: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'б',
  v: 'в',
  g: 'г',
  d: 'д',
  e: 'е',
  z: 'з',
  i: 'и',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  f: 'ф',
  y: 'ы',
};

/** A designation: up to four letters (any case), an optional hyphen or space, then a digit. */
const DESIGNATION = /^(\d?)([A-Za-z]{1,4})([-\s]?\d[\dA-Za-z-]*)$/u;

function cyrillicLetters(latin: string): string | undefined {
  let out = '';
  let i = 0;
  const lower = latin.toLowerCase();
  while (i < lower.length) {
    const pair = DIGRAPHS.find(([l]) => lower.startsWith(l, i));
    if (pair) {
      out += pair[1];
      i += 2;
      continue;
    }
    const c = LETTERS[lower[i]];
    if (c === undefined) return undefined;
    out += c;
    i += 1;
  }
  return out;
}

/** Cyrillic letters that are words of their own (с "with", в "in", к "to", и "and"). */
const ONE_LETTER_WORDS = new Set(['а', 'б', 'в', 'ж', 'и', 'к', 'о', 'с', 'у', 'я', 'і', 'й', 'з']);

/**
 * Whether a Cyrillic designation reads as a preposition and a number once folded ("С-400" and
 * "с 400 солдатами" are the same tokens): such a spelling counts only with support.
 */
export function isAmbiguousDesignation(cyrillic: string): boolean {
  const m = /^\d?(\p{Script=Cyrillic}+)[-\s]?\d/u.exec(cyrillic);
  return m !== null && ONE_LETTER_WORDS.has(m[1].toLowerCase());
}

/** The Russian and Ukrainian spellings of a designation-shaped name, else none. */
export function cyrillicDesignations(name: string): string[] {
  const m = DESIGNATION.exec(name.trim());
  if (!m) return [];
  const [, lead, letters, rest] = m;
  const cyr = cyrillicLetters(letters);
  if (cyr === undefined) return [];
  // Letters inside the tail (BTR-82A, 9K33M) follow the same table; digits stay.
  const tail = rest.replace(/[A-Za-z]+/gu, (l) => cyrillicLetters(l) ?? l);
  const ru = `${lead}${cyr}${tail}`;
  // cyrillicLetters writes lower case only (names are matched after case folding).
  const uk = ru.replace(/и/gu, 'і');
  return uk === ru ? [ru] : [ru, uk];
}

/**
 * Name variants that real reporting uses, and the test for names too weak to match alone.
 * Pure functions: importers call them, the matcher never does (it only reads the watchlist).
 */

/** Words that identify nothing on their own ("Trading Company Limited"). */
const GENERIC_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'for',
  'de',
  'del',
  'la',
  'el',
  'al',
  '&',
  'company',
  'co',
  'companies',
  'corporation',
  'corp',
  'incorporated',
  'inc',
  'limited',
  'ltd',
  'llc',
  'plc',
  'sa',
  's.a',
  'gmbh',
  'ag',
  'bv',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'llp',
  'lp',
  'fze',
  'fzco',
  'sarl',
  'trading',
  'trade',
  'traders',
  'group',
  'holding',
  'holdings',
  'general',
  'international',
  'intl',
  'enterprise',
  'enterprises',
  'industry',
  'industries',
  'industrial',
  'services',
  'service',
  'shipping',
  'import',
  'export',
  'commercial',
  'bank',
  'office',
  'agency',
  'organization',
  'organisation',
  'association',
  'foundation',
  'committee',
  'bureau',
  'department',
  'ministry',
  'center',
  'centre',
  'branch',
  'unit',
  'network',
  'front',
  'army',
  'brigade',
  'movement',
  'establishment',
  'institute',
  'development',
  'technology',
  'technologies',
  'global',
  'national',
]);

/** Common Korean family names as romanised on the UN and OFAC lists. */
const KOREAN_SURNAMES = new Set([
  'kim',
  'ri',
  'lee',
  'yi',
  'pak',
  'park',
  'choe',
  'choi',
  'jang',
  'chang',
  'jong',
  'chong',
  'jon',
  'chon',
  'han',
  'hong',
  'kang',
  'ko',
  'kwon',
  'mun',
  'o',
  'paek',
  'pang',
  'ryu',
  'yu',
  'so',
  'sin',
  'shin',
  'son',
  'yun',
  'jo',
  'cho',
  'hyon',
  'hwang',
  'chu',
  'ju',
  'ryom',
  'om',
  'ra',
  'rim',
  'yang',
  'ho',
  'an',
  'nam',
  'song',
  'sim',
  'tong',
  'kye',
  'chae',
  'kil',
  'ryo',
  'sok',
  'thae',
  'tae',
  'u',
  'won',
  'kwak',
  'min',
  'jin',
  'ma',
  'im',
  'baek',
  'bae',
  'pae',
  'cha',
  'ok',
  'kong',
  'hyun',
  'ryang',
]);
const SYLLABLE = /^[bcdghjklmnprstwy]{0,3}[aeiouwy]{1,3}(?:ng|n|k|l|m|p|t|r)?$/iu;

/** Letters and digits of a name, the part that can identify anything. */
function alnumCount(name: string): number {
  return (name.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

function tokens(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[\s,]+/u)
    .map((t) => t.replace(/^[.'\u2019]+|[.'\u2019]+$/gu, ''))
    .filter((t) => t.length > 0);
}

/**
 * True when a name must not match on its own: three letters or fewer ("AQI", "G-9"), or only
 * generic words ("Trading Company Ltd"). People's single-word aliases ("Ahmed") count too.
 */
export function isWeakName(name: string, kind?: string): boolean {
  if (alnumCount(name) <= 3) return true;
  const words = tokens(name);
  if (words.every((w) => GENERIC_WORDS.has(w))) return true;
  return kind === 'person' && words.length === 1;
}

function title(word: string): string {
  return word
    .split('-')
    .map((part, i) =>
      i === 0 ? part.charAt(0).toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase(),
    )
    .join('-');
}

/** Surname and given-name syllables of a Korean name, or undefined when it does not look like one. */
export function koreanNameParts(
  name: string,
  hint: { korean?: boolean } = {},
): { surname: string; given: string[] } | undefined {
  const words = name.replace(/,/gu, ' ').split(/\s+/u).filter(Boolean);
  if (words.length < 2 || words.length > 3) return undefined;
  const isSurname = (w: string) => KOREAN_SURNAMES.has(w.toLowerCase());
  const syllables = (ws: string[]) => ws.flatMap((w) => w.split('-')).filter(Boolean);
  const looksGiven = (ws: string[]) => {
    const s = syllables(ws);
    return s.length >= 1 && s.length <= 2 && s.every((x) => SYLLABLE.test(x));
  };
  const hyphenated = words.some((w) => /^[a-z]+-[a-z]+$/iu.test(w));
  if (!hint.korean && !hyphenated) return undefined;
  const first = words[0];
  const last = words[words.length - 1];
  // An all-capitals word among mixed case is the surname as the lists write it ("Jong Un KIM").
  const upper = words.filter((w) => w === w.toUpperCase() && w !== w.toLowerCase());
  const surnameLast = upper.length === 1 && upper[0] === last && words.length > upper.length;
  if (!surnameLast && isSurname(first) && looksGiven(words.slice(1))) {
    return { surname: first, given: syllables(words.slice(1)) };
  }
  if (isSurname(last) && looksGiven(words.slice(0, -1))) {
    return { surname: last, given: syllables(words.slice(0, -1)) };
  }
  return undefined;
}

/**
 * Spellings of a name that reporting uses. For Korean names: with and without the hyphen and
 * in either order ("KIM Jong Un" → "Kim Jong Un", "Kim Jong-un", "Jong Un Kim", "Jong-un Kim"),
 * case-normalised. Other names have no variants: transliterations come only from the list.
 */
export function nameVariants(name: string, hint: { korean?: boolean } = {}): string[] {
  const parts = koreanNameParts(name, hint);
  if (!parts) return [];
  const surname = title(parts.surname);
  const given = parts.given.map((s, i) => (i === 0 ? title(s) : s.toLowerCase()));
  const spaced = given.map((s) => title(s)).join(' ');
  const hyphened = given.join('-');
  const forms = [
    `${surname} ${spaced}`,
    `${surname} ${hyphened}`,
    `${spaced} ${surname}`,
    `${hyphened} ${surname}`,
  ];
  return [...new Set(forms)].filter((f) => f.toLowerCase() !== name.toLowerCase());
}

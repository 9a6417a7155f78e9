/** Cleaning of raw names as official lists publish them: padding, quotes, notes, placeholders. */

const PLACEHOLDERS = new Set(['', '-0-', 'n/a', 'na', 'none', 'unknown', 'nil', '-', '?']);
/** Honorifics the UN list puts in parentheses: not names on their own. */
const HONORIFICS = new Set([
  'sheikh',
  'shaykh',
  'dr',
  'dr.',
  'doctor',
  'mullah',
  'mulla',
  'maulavi',
  'haji',
  'hajji',
  'general',
]);
const DOUBLE_QUOTES = /["\u201C\u201D\u201E\u00AB\u00BB]/g;
const WRAPPING_SINGLE = /^['\u2018\u2019`](.*)['\u2018\u2019]$/u;

/** Collapses whitespace and trims; `''` for null. */
export function squash(raw: string | null | undefined): string {
  return (raw ?? '').replace(/\s+/gu, ' ').trim();
}

/** True for the empty-alias placeholders lists use (`-0-`, empty, `N/A`). */
export function isPlaceholder(raw: string | null | undefined): boolean {
  return PLACEHOLDERS.has(squash(raw).toLowerCase());
}

/**
 * One name as a list wrote it, cleaned: whitespace collapsed, double quotes removed (`"KOMID"`),
 * a wrapping pair of single quotes removed, stray leading/trailing punctuation and
 * "born in …" notes cut. Returns `''` when nothing name-like is left.
 */
export function cleanName(raw: string | null | undefined): string {
  if (isPlaceholder(raw)) return '';
  let s = squash(raw).replace(DOUBLE_QUOTES, '');
  s = s.replace(/,?\s+born\b.*$/iu, '');
  s = squash(s)
    .replace(/^[)\],;:.\-\s]+/u, '')
    .replace(/[,;:([\s]+$/u, '');
  // A trailing ")" with no "(" is debris from a split note.
  if (s.endsWith(')') && !s.includes('(')) s = s.slice(0, -1).trim();
  const wrapped = WRAPPING_SINGLE.exec(s);
  if (wrapped && !/['\u2018\u2019]/u.test(wrapped[1])) s = wrapped[1].trim();
  return isPlaceholder(s) ? '' : s;
}

/**
 * Splits one alias field into the names it holds: `;`-separated lists, parenthesised
 * alternatives (`حسن غول (Hassan Ghul; Hassan Gul)`), acronyms (`(AQAP)`), `original script:`
 * notes. Parenthesised remarks (false identities, document numbers, "COMBAT NAME") are dropped;
 * other parenthesised words stay part of the name ("Leader (Hong Kong) International Trading").
 */
export function splitAliasText(raw: string | null | undefined): string[] {
  // "a) X; b) Y": enumeration markers, not names.
  const text = squash(raw).replace(/(^|[\s;])[a-h]\)\s/gu, '$1; ');
  if (!text) return [];
  const { main, groups } = topLevelGroups(text);
  const out: string[] = [];
  const inline: string[] = [];
  for (const group of groups) {
    const inner = squash(topLevelGroups(group).main).replace(/^original script:?\s*/iu, '');
    if (!inner || isNote(inner) || HONORIFICS.has(inner.toLowerCase())) continue;
    if (inner.includes(';') || isAcronym(inner) || isLatin(inner) !== isLatin(main)) {
      for (const part of inner.split(';')) out.push(part.replace(/\s*-\s*sub-unit name$/iu, ''));
    } else {
      inline.push(group);
    }
  }
  const names = main.split(';');
  if (inline.length > 0) {
    let kept = text;
    for (const g of groups) kept = kept.replace(`(${g})`, inline.includes(g) ? g : ' ');
    names.push(...kept.split(';'));
  }
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of [...names, ...out]) {
    const name = cleanName(part);
    const key = name.toLowerCase();
    if (name && !seen.has(key)) {
      seen.add(key);
      result.push(name);
    }
  }
  return result;
}

/** The text outside parentheses, and each top-level parenthesised group's content. */
function topLevelGroups(text: string): { main: string; groups: string[] } {
  let main = '';
  let depth = 0;
  let current = '';
  const groups: string[] = [];
  for (const ch of text) {
    if (ch === '(') {
      if (depth > 0) current += ch;
      depth += 1;
    } else if (ch === ')' && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        groups.push(current);
        current = '';
        main += ' ';
      } else current += ch;
    } else if (depth > 0) current += ch;
    else main += ch;
  }
  if (depth > 0) main += ` ${current}`;
  return { main, groups };
}

function isAcronym(s: string): boolean {
  return /^[\p{Lu}\d][\p{Lu}\d.&-]{1,11}$/u.test(s);
}

function isLatin(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return true;
  return letters.filter((l) => /\p{Script=Latin}/u.test(l)).length * 2 >= letters.length;
}

function isNote(inner: string): boolean {
  if (/\d{4,}/u.test(inner)) return true;
  if (
    /\b(false identity|passport|identification|born|previously|formerly listed|combat name|original script)\b/iu.test(
      inner,
    )
  )
    return true;
  return inner.split(/[;]/u).some((p) => squash(p).split(' ').length > 10);
}

/**
 * "LAST, First Middle" → "First Middle LAST" for people; undefined when the name has no
 * single comma to turn around (organisations keep their commas: "CO., LTD.").
 */
export function reorderCommaName(name: string): string | undefined {
  const parts = name.split(',');
  if (parts.length !== 2) return undefined;
  const last = squash(parts[0]);
  const first = squash(parts[1]);
  if (!last || !first) return undefined;
  return `${first} ${last}`;
}

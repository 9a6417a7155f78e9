import type { Token } from './text.js';

/** Groups whose words report something happening; in a sentence about the past they do not count. */
export const EVENT_GROUPS: ReadonlySet<string> = new Set([
  'transfer',
  'transfer_anaphora',
  'conveyance',
  'origin',
  'launch',
]);

/** A year this much older than the item's own makes a sentence a look back, not news. */
const PAST_YEARS = 10;

const WORDS_BEFORE_A_NUMBER_THAT_IS_NOT_A_YEAR = new Set([
  'resolution',
  'resolutions',
  'unscr',
  'no',
  'number',
  'committee',
]);

/** Letters after a year that keep it one: the 1980s, die 1990er, les années 1990s. */
const DECADE_SUFFIXES = new Set(['s', 'er', 'ern', 'erjahre', 'erjahren']);
/** Letters before a year that keep it one: fiscal and calendar years (FY2005). */
const YEAR_PREFIXES = new Set(['fy', 'cy']);

/**
 * Whether a token touches a Latin letter with no space between: part of a designation (M1991,
 * 1991A). A decade keeps its year ("the 1980s"), and so do the year suffixes 年 and 년.
 */
function gluedToLetters(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  return (
    (before !== undefined &&
      before.end === tokens[i].start &&
      /\p{Script=Latin}$/u.test(before.norm) &&
      !YEAR_PREFIXES.has(before.norm)) ||
    (after !== undefined &&
      after.start === tokens[i].end &&
      /^\p{Script=Latin}/u.test(after.norm) &&
      !DECADE_SUFFIXES.has(after.norm))
  );
}

/**
 * Whether token `i` names a year: four digits 1900–2099, not inside a name, not after
 * "resolution", not glued to letters as in the designation of the M1991 rocket launcher.
 */
export function isNamedYear(
  tokens: readonly Token[],
  i: number,
  inNames: ReadonlySet<number> = new Set(),
): boolean {
  const t = tokens[i];
  if (t.norm.length !== 4 || !/^(19|20)\d\d$/.test(t.norm) || inNames.has(i)) return false;
  const before = tokens[i - 1];
  if (before && WORDS_BEFORE_A_NUMBER_THAT_IS_NOT_A_YEAR.has(before.norm)) return false;
  return !gluedToLetters(tokens, i);
}

/** The years a text names, by token. */
function namedYears(
  tokens: readonly Token[],
  inNames: ReadonlySet<number>,
): { index: number; year: number }[] {
  const out: { index: number; year: number }[] = [];
  tokens.forEach((t, i) => {
    if (isNamedYear(tokens, i, inNames)) out.push({ index: i, year: Number(t.norm) });
  });
  return out;
}

/**
 * The newest year an undated item names, up to `latest`: the best guess of when it was written,
 * since a text reports what happened by its own time ("in July 2009 Colombia said").
 */
export function newestNamedYear(
  tokens: readonly Token[],
  latest: number,
  inNames: ReadonlySet<number> = new Set(),
): number | undefined {
  let newest: number | undefined;
  for (const { year } of namedYears(tokens, inNames))
    if (year <= latest && (newest === undefined || year > newest)) newest = year;
  return newest;
}

/**
 * The sentences that speak of the past: every year they name lies more than ten years before the
 * item's year (the Cuban missile crisis "in October 1962" in a 2022 story). With `retrospective`
 * (an obituary or anniversary in the title), every sentence without a recent year is one.
 */
export function pastSentences(
  tokens: readonly Token[],
  sentenceCount: number,
  itemYear: number,
  retrospective: boolean,
  /** Tokens inside a matched name (Mirage 2000): their numbers are no years. */
  inNames: ReadonlySet<number> = new Set(),
): Set<number> {
  const newest = new Map<number, number>();
  for (const { index, year: y } of namedYears(tokens, inNames)) {
    if (y > itemYear + 1) continue;
    const s = tokens[index].sentence;
    newest.set(s, Math.max(newest.get(s) ?? 0, y));
  }
  const past = new Set<number>();
  for (let s = 0; s < sentenceCount; s++) {
    const latest = newest.get(s);
    if (latest !== undefined) {
      if (latest < itemYear - PAST_YEARS) past.add(s);
    } else if (retrospective) {
      past.add(s);
    }
  }
  return past;
}

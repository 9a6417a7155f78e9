import type { WatchlistEntry } from '../matching/watchlist-schema.js';
import { reorderCommaName, splitAliasText } from './clean.js';
import type { ImportStats, RawRecord } from './types.js';
import { isWeakName, koreanNameParts, nameVariants } from './variants.js';

const key = (s: string) => s.toLowerCase().replace(/\s+/gu, ' ');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The spellings one raw name stands for: its parts, "LAST, First" turned around, Korean variants. */
function expand(raw: string, record: RawRecord): { primary?: string; all: string[] } {
  const commaNames = record.commaNames ?? record.kind === 'person';
  const all: string[] = [];
  let primary: string | undefined;
  for (const name of splitAliasText(raw)) {
    const turned = commaNames ? reorderCommaName(name) : undefined;
    const korean =
      record.kind === 'person'
        ? koreanNameParts(name.replace(',', ' '), { korean: record.korean })
        : undefined;
    // Korean names read surname first ("KIM Jong Un"); others given name first ("Mousa ABU MARZOOK").
    const preferred = korean && turned ? name.replace(/\s*,\s*/u, ' ') : (turned ?? name);
    primary ??= preferred;
    all.push(preferred, name);
    if (record.kind === 'person') all.push(...nameVariants(preferred, { korean: record.korean }));
  }
  return { primary, all };
}

/**
 * Builds one watchlist entry from a raw record: cleans and splits names, adds variants, demotes
 * short and generic names to weak aliases, deduplicates (case-insensitive) and sorts.
 * Returns undefined when no usable name is left.
 */
export function buildEntry(record: RawRecord, stats: ImportStats): WatchlistEntry | undefined {
  const main = expand(record.name, record);
  const strong: string[] = [...main.all];
  const weak: string[] = [];
  for (const alias of record.aliases) strong.push(...expand(alias, record).all);
  for (const alias of record.weakAliases) weak.push(...expand(alias, record).all);
  const strongOk = strong.filter((n) => !isWeakName(n, record.kind));
  weak.push(...strong.filter((n) => isWeakName(n, record.kind)));

  let name = main.primary;
  // A weak primary ("AQI") would match alone; lead with a distinctive alias when there is one.
  if (!name || isWeakName(name, record.kind)) name = strongOk[0] ?? name ?? weak[0];
  if (!name) return undefined;

  const seen = new Set([key(name)]);
  const uniq = (names: string[]) =>
    names
      .filter((n) => {
        const k = key(n);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .sort(byText);
  const aliases = uniq(strongOk);
  const weakAliases = uniq(weak);
  const identifiers = [...new Set(record.identifiers ?? [])].sort(byText);
  const tags = [...new Set(record.tags ?? [])].sort(byText);

  stats.entries += 1;
  stats.names += 1 + aliases.length;
  stats.weakAliases += weakAliases.length;
  stats.identifiers += identifiers.length;
  const entry: WatchlistEntry = {
    name,
    kind: record.kind,
    aliases,
    weakAliases,
    identifiers,
    tags,
  };
  if (record.ref) entry.ref = record.ref;
  if (record.program) entry.program = record.program;
  return entry;
}

export function emptyStats(): ImportStats {
  return { records: 0, entries: 0, names: 0, weakAliases: 0, identifiers: 0, skipped: 0 };
}

/** Sorts entries by reference, then name, so the same list always gives the same file. */
export function sortEntries(entries: WatchlistEntry[]): WatchlistEntry[] {
  return entries.sort(
    (a, b) => byText(a.ref ?? '', b.ref ?? '') || byText(a.name, b.name) || byText(a.kind, b.kind),
  );
}

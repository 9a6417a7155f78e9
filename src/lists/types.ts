import type { Watchlist, WatchlistEntry } from '../matching/watchlist-schema.js';

/** The official lists sanctionwatch imports. */
export const listTypes = ['un', 'ofac', 'opensanctions'] as const;
export type ListType = (typeof listTypes)[number];

/** Counts an import reports. */
export interface ImportStats {
  /** Records read from the source (people, organisations, vessels…). */
  records: number;
  /** Entries written (records with at least one usable name). */
  entries: number;
  /** Strong names written: primary names and aliases. */
  names: number;
  weakAliases: number;
  identifiers: number;
  /** Records, aliases or lines skipped (no usable name, orphan alias, placeholder). */
  skipped: number;
}

export interface ImportResult {
  watchlist: Watchlist;
  stats: ImportStats;
  /** Human-readable warnings (orphan aliases, unreadable lines), one per line. */
  warnings: string[];
}

export interface ImportOptions {
  /** Watchlist name. @defaultValue `un-consolidated`, `ofac-sdn` or `opensanctions` */
  name?: string;
  /** Where the list came from, written as the watchlist's `source`. @defaultValue none */
  source?: string;
}

/** A record as an importer read it, before names are cleaned, split and deduplicated. */
export interface RawRecord {
  name: string;
  kind: WatchlistEntry['kind'];
  aliases: string[];
  weakAliases: string[];
  identifiers?: string[];
  ref?: string;
  program?: string;
  tags?: string[];
  /** Names are Korean (DPRK programme, Korean nationality): add Korean spelling variants. */
  korean?: boolean;
  /** Names may be written "LAST, First": turn them around. @defaultValue true for people */
  commaNames?: boolean;
}

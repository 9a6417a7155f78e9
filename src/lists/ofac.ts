import { SwError } from '../errors.js';
import type { WatchlistEntry } from '../matching/watchlist-schema.js';
import { csvValue, parseCsv } from './csv.js';
import { buildEntry, emptyStats, sortEntries } from './entry.js';
import { validateWatchlist } from './output.js';
import type { ImportOptions, ImportResult, RawRecord } from './types.js';

/** Remarks aliases: `a.k.a. 'BNC'` up to the quote that ends the remark (names hold apostrophes). */
const REMARK_ALIAS = /\b([afn])\.k\.a\.\s*'(.+?)'(?=\s*[;.]?\s*(?:;|$))/giu;
const IMO = /\bIMO\s*(?:number\s*)?(\d{7})\b/giu;
const KOREAN_PROGRAMS = /DPRK|NKSPEA|NKSPA|KOREA/iu;

/** Aliases and IMO numbers held in an SDN remarks field. */
export function parseRemarks(remarks: string | undefined): { aliases: string[]; imo: string[] } {
  const aliases: string[] = [];
  const imo: string[] = [];
  if (!remarks) return { aliases, imo };
  if (remarks.includes('k.a.')) {
    for (const part of remarks.split(/;\s*/u)) {
      if (part.includes('k.a.')) for (const m of part.matchAll(REMARK_ALIAS)) aliases.push(m[2]);
    }
  }
  if (remarks.includes('IMO')) for (const m of remarks.matchAll(IMO)) imo.push(`IMO ${m[1]}`);
  return { aliases, imo };
}

function kindOf(type: string | undefined): WatchlistEntry['kind'] {
  switch ((type ?? '').toLowerCase()) {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'other';
    default:
      return 'organisation';
  }
}

/** "SDGT] [SDT" → "SDGT, SDT". */
function programOf(field: string | undefined): string | undefined {
  const parts = (field ?? '')
    .split(/\]\s*\[/u)
    .map((p) => p.replace(/[[\]]/gu, '').trim())
    .filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * Reads the OFAC SDN CSV (and optionally the alternate-names CSV, joined on ent_num) into a
 * watchlist. Aliases whose ent_num is not in the SDN file are skipped with one warning.
 */
export function importOfac(
  sdnCsv: string,
  altCsv?: string,
  options: ImportOptions = {},
): ImportResult {
  const stats = emptyStats();
  const warnings: string[] = [];
  const records = new Map<string, RawRecord>();
  let badRows = 0;
  for (const row of parseCsv(sdnCsv)) {
    const ent = csvValue(row[0]);
    const name = csvValue(row[1]);
    if (!ent || !/^\d+$/u.test(ent) || row.length < 3) {
      badRows += 1;
      continue;
    }
    stats.records += 1;
    if (!name) {
      stats.skipped += 1;
      continue;
    }
    const remarks = parseRemarks(csvValue(row[11]));
    const program = programOf(csvValue(row[3]));
    records.set(ent, {
      name,
      kind: kindOf(csvValue(row[2])),
      aliases: remarks.aliases,
      weakAliases: [],
      identifiers: remarks.imo,
      ref: `OFAC-${ent}`,
      program,
      korean: program !== undefined && KOREAN_PROGRAMS.test(program),
    });
  }
  if (records.size === 0)
    throw new SwError(
      'LIST_IMPORT',
      'OFAC SDN file has no records (expected the SDN CSV without header)',
    );
  if (badRows > 0) warnings.push(`ofac: ${badRows} SDN line(s) without an ent_num skipped`);
  stats.skipped += badRows;

  if (altCsv !== undefined) {
    const orphans: string[] = [];
    for (const row of parseCsv(altCsv)) {
      const ent = csvValue(row[0]);
      const alias = csvValue(row[3]);
      const record = ent ? records.get(ent) : undefined;
      if (!record) {
        orphans.push(ent ?? '?');
        continue;
      }
      if (alias) record.aliases.push(alias);
      else stats.skipped += 1;
    }
    if (orphans.length > 0) {
      stats.skipped += orphans.length;
      const sample = [...new Set(orphans)].slice(0, 5).join(', ');
      warnings.push(
        `ofac: ${orphans.length} alias(es) for ent_num not in the SDN file skipped (e.g. ${sample})`,
      );
    }
  }

  const entries: WatchlistEntry[] = [];
  for (const record of records.values()) {
    const entry = buildEntry(record, stats);
    if (entry) entries.push(entry);
    else stats.skipped += 1;
  }
  const watchlist = validateWatchlist({
    name: options.name ?? 'ofac-sdn',
    description: 'US Treasury OFAC Specially Designated Nationals (SDN) list',
    source: options.source,
    tags: ['sanctioned', 'ofac-sdn'],
    entries: sortEntries(entries),
  });
  return { watchlist, stats, warnings };
}

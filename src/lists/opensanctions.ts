import { SwError } from '../errors.js';
import type { WatchlistEntry } from '../matching/watchlist-schema.js';
import { buildEntry, emptyStats, sortEntries } from './entry.js';
import { validateWatchlist } from './output.js';
import type { ImportOptions, ImportResult } from './types.js';

const KINDS: Record<string, WatchlistEntry['kind']> = {
  Person: 'person',
  Organization: 'organisation',
  Company: 'organisation',
  LegalEntity: 'organisation',
  PublicBody: 'organisation',
  Vessel: 'vessel',
};

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * Reads FollowTheMoney entities as JSON lines (the OpenSanctions export) into a watchlist:
 * `name` and `alias` are names, `weakAlias` weak aliases, `topics` tags, `schema` the kind,
 * `imoNumber` identifiers. Lines that are not JSON entities are skipped with a warning.
 */
export function importOpenSanctions(jsonl: string, options: ImportOptions = {}): ImportResult {
  const stats = emptyStats();
  const warnings: string[] = [];
  const entries: WatchlistEntry[] = [];
  let bad = 0;
  for (const line of jsonl.split(/\r?\n/u)) {
    if (!line.trim()) continue;
    let entity: { id?: unknown; schema?: unknown; properties?: Record<string, unknown> };
    try {
      entity = JSON.parse(line) as typeof entity;
    } catch {
      bad += 1;
      continue;
    }
    const props = entity.properties;
    if (typeof entity.schema !== 'string' || !props || typeof props !== 'object') {
      bad += 1;
      continue;
    }
    stats.records += 1;
    const names = strings(props.name);
    if (names.length === 0) {
      stats.skipped += 1;
      continue;
    }
    const entry = buildEntry(
      {
        name: names[0],
        kind: KINDS[entity.schema] ?? 'other',
        aliases: [...names.slice(1), ...strings(props.alias)],
        weakAliases: strings(props.weakAlias),
        identifiers: strings(props.imoNumber).map((n) => (/^\d{7}$/u.test(n) ? `IMO ${n}` : n)),
        ref: typeof entity.id === 'string' ? entity.id : undefined,
        program: strings(props.program)[0],
        tags: strings(props.topics),
        korean: strings(props.nationality)
          .concat(strings(props.country))
          .some((c) => c === 'kp' || c === 'kr'),
        commaNames: false,
      },
      stats,
    );
    if (entry) entries.push(entry);
    else stats.skipped += 1;
  }
  if (bad > 0) {
    stats.skipped += bad;
    warnings.push(`opensanctions: ${bad} line(s) that are not FollowTheMoney entities skipped`);
  }
  if (stats.records === 0)
    throw new SwError('LIST_IMPORT', 'no FollowTheMoney entities found (expected JSON lines)');
  const watchlist = validateWatchlist({
    name: options.name ?? 'opensanctions',
    description: 'OpenSanctions (FollowTheMoney entities)',
    source: options.source,
    tags: ['sanctioned'],
    entries: sortEntries(entries),
  });
  return { watchlist, stats, warnings };
}

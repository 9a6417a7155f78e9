import { Parser } from 'htmlparser2';
import { SwError } from '../errors.js';
import { cleanName, squash } from './clean.js';
import { buildEntry, emptyStats, sortEntries } from './entry.js';
import { validateWatchlist } from './output.js';
import type { ImportOptions, ImportResult, RawRecord } from './types.js';
import type { WatchlistEntry } from '../matching/watchlist-schema.js';

const NAME_FIELDS = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'] as const;
const CHUNK = 64 * 1024;

interface UnRecord {
  type: 'INDIVIDUAL' | 'ENTITY';
  fields: Map<string, string>;
  aliases: { quality: string; name: string }[];
  nationalities: string[];
}

/**
 * Reads the UN Security Council Consolidated List XML into a watchlist. The XML is parsed in
 * chunks with htmlparser2; a DOCTYPE or entity declaration is refused (hostile XML).
 */
export function importUn(xml: string | Buffer, options: ImportOptions = {}): ImportResult {
  const text = typeof xml === 'string' ? xml : xml.toString('utf8');
  const records: UnRecord[] = [];
  let generated: string | undefined;
  let current: UnRecord | undefined;
  let alias: { quality: string; name: string } | undefined;
  const path: string[] = [];
  let buffer = '';
  let hostile: string | undefined;

  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        if (/^!(doctype|entity)/iu.test(name)) hostile ??= name;
      },
      onopentag(tag, attribs) {
        path.push(tag);
        buffer = '';
        if (tag === 'CONSOLIDATED_LIST') generated = attribs.dateGenerated;
        if ((tag === 'INDIVIDUAL' || tag === 'ENTITY') && path.length === 3) {
          current = { type: tag, fields: new Map(), aliases: [], nationalities: [] };
        } else if (current && (tag === 'INDIVIDUAL_ALIAS' || tag === 'ENTITY_ALIAS')) {
          alias = { quality: '', name: '' };
        }
      },
      ontext(data) {
        buffer += data;
      },
      onclosetag(tag) {
        const parent = path[path.length - 2];
        if (current && alias && (tag === 'QUALITY' || tag === 'ALIAS_NAME')) {
          if (tag === 'QUALITY') alias.quality = squash(buffer);
          else alias.name = buffer;
        } else if (current && tag === 'VALUE' && parent === 'NATIONALITY') {
          current.nationalities.push(squash(buffer));
        } else if (current && path.length === 4) {
          current.fields.set(tag, buffer);
        }
        if (current && alias && (tag === 'INDIVIDUAL_ALIAS' || tag === 'ENTITY_ALIAS')) {
          current.aliases.push(alias);
          alias = undefined;
        }
        if (current && (tag === 'INDIVIDUAL' || tag === 'ENTITY') && path.length === 3) {
          records.push(current);
          current = undefined;
        }
        path.pop();
        buffer = '';
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  if (/<!(DOCTYPE|ENTITY)/iu.test(text.slice(0, 4096))) hostile = 'DOCTYPE';
  for (let i = 0; i < text.length && !hostile; i += CHUNK) parser.write(text.slice(i, i + CHUNK));
  parser.end();
  if (hostile)
    throw new SwError(
      'LIST_IMPORT',
      `UN list refused: the XML declares ${hostile.replace(/^!/u, '')} (entities are not allowed)`,
    );
  if (records.length === 0)
    throw new SwError(
      'LIST_IMPORT',
      'UN list has no INDIVIDUAL or ENTITY records (is this the consolidated XML?)',
    );

  const stats = emptyStats();
  const entries: WatchlistEntry[] = [];
  for (const r of records) {
    stats.records += 1;
    const raw = toRaw(r, stats);
    const entry = raw && buildEntry(raw, stats);
    if (entry) entries.push(entry);
    else stats.skipped += 1;
  }
  const watchlist = validateWatchlist({
    name: options.name ?? 'un-consolidated',
    description: 'UN Security Council Consolidated List',
    source:
      [options.source, generated && `generated ${generated}`].filter(Boolean).join(', ') ||
      undefined,
    tags: ['sanctioned', 'un-list'],
    entries: sortEntries(entries),
  });
  return { watchlist, stats, warnings: [] };
}

function toRaw(r: UnRecord, stats: { skipped: number }): RawRecord | undefined {
  const name = NAME_FIELDS.map((f) => cleanName(r.fields.get(f)))
    .filter(Boolean)
    .join(' ');
  if (!name) return undefined;
  const program = squash(r.fields.get('UN_LIST_TYPE')) || undefined;
  const aliases: string[] = [];
  const weakAliases: string[] = [];
  for (const a of r.aliases) {
    if (!cleanName(a.name)) {
      // Empty <ALIAS_NAME/> placeholders: nothing to keep.
      stats.skipped += 1;
      continue;
    }
    (a.quality.toLowerCase() === 'low' ? weakAliases : aliases).push(a.name);
  }
  // The name as written in its own script (Arabic, Cyrillic): how the press in that language
  // names the person, so an Arabic or Russian report matches without a transliteration.
  const original = cleanName(r.fields.get('NAME_ORIGINAL_SCRIPT'));
  if (original && original !== name) aliases.push(original);
  return {
    name,
    kind: r.type === 'INDIVIDUAL' ? 'person' : 'organisation',
    aliases,
    weakAliases,
    ref: squash(r.fields.get('REFERENCE_NUMBER')) || undefined,
    program,
    korean: program === 'DPRK' || r.nationalities.some((n) => /korea/iu.test(n)),
    // UN primary names are given in parts; only aliases use "LAST, First".
    commaNames: r.type === 'INDIVIDUAL',
  };
}

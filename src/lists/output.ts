import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { SwError } from '../errors.js';
import {
  watchlistSchema,
  type Watchlist,
  type WatchlistEntry,
  type WatchlistInput,
} from '../matching/watchlist-schema.js';

/** Validates an imported watchlist with the schema the matcher loads it with. */
export function validateWatchlist(input: WatchlistInput): Watchlist {
  const parsed = watchlistSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SwError(
      'LIST_IMPORT',
      `imported watchlist is invalid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

function compactEntry(e: WatchlistEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { name: e.name, kind: e.kind };
  if (e.ref) out.ref = e.ref;
  if (e.program) out.program = e.program;
  if (e.aliases.length) out.aliases = e.aliases;
  if (e.weakAliases.length) out.weakAliases = e.weakAliases;
  if (e.identifiers.length) out.identifiers = e.identifiers;
  if (e.tags.length) out.tags = e.tags;
  return out;
}

/** The watchlist as YAML, keys in a fixed order and empty lists left out: same list, same bytes. */
export function serializeWatchlist(list: Watchlist): string {
  const doc: Record<string, unknown> = { name: list.name };
  if (list.description) doc.description = list.description;
  if (list.source) doc.source = list.source;
  if (list.tags.length) doc.tags = list.tags;
  doc.entries = list.entries.map(compactEntry);
  return stringify(doc, { lineWidth: 0 });
}

/**
 * Writes a file so readers see the old content or the new, never half of it: a temp file in the
 * same folder, then rename. The temp file is removed if anything fails.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

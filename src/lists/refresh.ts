import { readFile } from 'node:fs/promises';
import type { ListSourceConfig } from '../config/schema.js';
import { errorLine } from '../errors.js';
import { importToYaml } from './import-list.js';
import { writeFileAtomic } from './output.js';
import type { ImportResult, ImportStats } from './types.js';

/** What a refresh needs of an import: the file's text, the counts and the warnings. */
export interface ImportedList {
  yaml: string;
  result: Pick<ImportResult, 'stats' | 'warnings'>;
}

export interface RefreshDeps {
  /** Downloads a URL's bytes; throws on HTTP or network failure (the feed fetcher fits). */
  fetchBytes(url: string): Promise<Buffer>;
  logger?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /** The file to write; @defaultValue `source.out` as given (resolve it against the config dir first). */
  outPath?: string;
  /**
   * Runs the import; the daemon passes one that runs in a thread of its own.
   * @defaultValue {@link importToYaml}, on the calling thread
   */
  importer?: (...args: Parameters<typeof importToYaml>) => ImportedList | Promise<ImportedList>;
}

/** What a refresh did. `kept` means the previous file is still in force. */
export type RefreshOutcome =
  | { status: 'updated'; path: string; stats: ImportStats; warnings: string[] }
  | { status: 'unchanged'; path: string; stats: ImportStats }
  | { status: 'kept'; path: string; stage: 'download' | 'import' | 'write'; reason: string };

/**
 * Downloads a configured list, imports and validates it, and swaps the watchlist file
 * atomically (temp file + rename). Any failure keeps the previous file and is returned as a
 * `kept` outcome with the stage and reason; it never throws for an expected failure.
 */
export async function refreshList(
  source: ListSourceConfig,
  deps: RefreshDeps,
): Promise<RefreshOutcome> {
  const path = deps.outPath ?? source.out;
  const kept = (stage: 'download' | 'import' | 'write', err: unknown): RefreshOutcome => {
    const reason = errorLine(err);
    deps.logger?.warn(
      { list: source.type, url: source.url, path, stage, reason },
      'list refresh failed; previous watchlist kept',
    );
    return { status: 'kept', path, stage, reason };
  };
  let main: Buffer;
  let aliases: Buffer | undefined;
  try {
    main = await deps.fetchBytes(source.url);
    if (source.aliasesUrl) aliases = await deps.fetchBytes(source.aliasesUrl);
  } catch (err) {
    return kept('download', err);
  }
  let out;
  try {
    const importer = deps.importer ?? importToYaml;
    out = await importer(source.type, { main, aliases }, { source: source.url });
  } catch (err) {
    return kept('import', err);
  }
  const previous = await readFile(path, 'utf8').catch(() => undefined);
  if (previous === out.yaml) return { status: 'unchanged', path, stats: out.result.stats };
  try {
    await writeFileAtomic(path, out.yaml);
  } catch (err) {
    return kept('write', err);
  }
  deps.logger?.info({ list: source.type, path, ...out.result.stats }, 'list refreshed');
  return { status: 'updated', path, stats: out.result.stats, warnings: out.result.warnings };
}

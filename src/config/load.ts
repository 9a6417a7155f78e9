// PROVISIONAL minimal loader; the platform work replaces it (same exported signatures).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { SwError } from '../errors.js';
import { configSchema, type Config } from './schema.js';
import { watchlistSchema, type Watchlist } from '../matching/watchlist-schema.js';

/** Default config path, relative to the working directory. */
export const DEFAULT_CONFIG_PATH = 'config/sanctionwatch.yaml';

/** Loads, interpolates, validates and freezes the config. Throws CONFIG_INVALID listing every problem. */
export async function loadConfig(file: string = DEFAULT_CONFIG_PATH, env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const abs = path.resolve(file);
  const text = await readFile(abs, 'utf8').catch((cause: unknown) => {
    throw new SwError('CONFIG_UNREADABLE', `cannot read config ${abs}`, { cause });
  });
  const interpolated = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, def?: string) => env[name] ?? def ?? '');
  const parsed = configSchema.safeParse(parse(interpolated) ?? {});
  if (!parsed.success) {
    throw new SwError('CONFIG_INVALID', parsed.error.issues.map((i) => `${abs}: ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const baseDir = path.dirname(abs);
  return Object.freeze({ ...parsed.data, configPath: abs, baseDir, watchlistFiles: [], ruleFiles: [] });
}

/** Reads and validates every watchlist file of the config. Throws WATCHLIST_INVALID listing every problem. */
export async function loadWatchlists(config: Config): Promise<Watchlist[]> {
  const lists: Watchlist[] = [];
  for (const f of config.watchlistFiles) {
    lists.push(watchlistSchema.parse(parse(await readFile(f, 'utf8'))));
  }
  return lists;
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { SwError } from '../errors.js';
import { configSchema, type Config, type ParsedConfig } from './schema.js';
import { interpolateDocument } from './interpolate.js';
import { crossCheck } from './cross-checks.js';
import { expandGlob } from './glob.js';
import { applyPortOverride } from './port-override.js';
import { problemLine, problemsFromZod, formatPath, type ConfigProblem } from './problems.js';

export { problemLine, type ConfigProblem } from './problems.js';

/** Default config path, relative to the working directory. */
export const DEFAULT_CONFIG_PATH = 'config/sanctionwatch.yaml';

/** Help text of every command's `-c, --config`. */
export const CONFIG_HELP =
  'config file (default: $SANCTIONWATCH_CONFIG, ./config/sanctionwatch.yaml, /etc/sanctionwatch/sanctionwatch.yaml)';

/** Where a daemon installed system-wide keeps its config. */
export const SYSTEM_CONFIG_PATH = '/etc/sanctionwatch/sanctionwatch.yaml';

/**
 * The config file to read, found as other daemons find theirs: `--config`, then
 * `SANCTIONWATCH_CONFIG`, then `./config/sanctionwatch.yaml`, then
 * `/etc/sanctionwatch/sanctionwatch.yaml` (the first that exists of the last two; the local one
 * when neither does, so the error names it).
 */
export function resolveConfigPath(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  exists: (file: string) => boolean = existsSync,
): string {
  if (flag) return flag;
  if (env.SANCTIONWATCH_CONFIG) return env.SANCTIONWATCH_CONFIG;
  if (exists(DEFAULT_CONFIG_PATH)) return DEFAULT_CONFIG_PATH;
  return exists(SYSTEM_CONFIG_PATH) ? SYSTEM_CONFIG_PATH : DEFAULT_CONFIG_PATH;
}

/** Options of {@link loadConfigFromText}. */
export interface LoadTextOptions {
  /** Where the text came from; relative paths in it resolve against its folder. @defaultValue `<inline>` in the working directory */
  file?: string;
  /** Values for `${VAR}`; also `SW_HTTP_PORT`. @defaultValue `{}` */
  env?: Readonly<Record<string, string | undefined>>;
  /** `start --port`, stronger than `SW_HTTP_PORT` and the file's `http.port`. */
  portFlag?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Aliases a config may use; far above any hand-written file, far below an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

function fail(code: 'CONFIG_INVALID', problems: ConfigProblem[]): never {
  throw new SwError(code, problems.map(problemLine).join('\n'), { details: { problems } });
}

/** YAML text → plain data with placeholders filled; syntax problems located by line. */
function parseYaml(
  text: string,
  file: string,
  env: Env | undefined,
): { data: unknown; problems: ConfigProblem[]; defaulted: Set<string> } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    // Only the first syntax error: the ones after it are mostly its echoes.
    const e = doc.errors[0];
    const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    const message = `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
    return { data: undefined, problems: [{ file, path: where, message }], defaulted: new Set() };
  }
  const defaulted = new Set<string>();
  const problems = env ? interpolateDocument(doc, env, file, defaulted) : [];
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {}, problems, defaulted };
  } catch (err) {
    // An alias bomb (aliases of aliases, each expanding the last): bad config, not a crash.
    const message = `invalid YAML: ${err instanceof Error ? err.message : String(err)}`;
    return { data: undefined, problems: [...problems, { file, path: '', message }], defaulted };
  }
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
}

async function expandAll(
  file: string,
  baseDir: string,
  patterns: string[] | undefined,
  key: (string | number)[],
) {
  const files = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const [i, pattern] of (patterns ?? []).entries()) {
    const matched = await expandGlob(pattern, baseDir);
    if (matched.length === 0) {
      problems.push({
        file,
        path: formatPath([...key, i]),
        message: `"${pattern}" matches no file (looked for ${path.resolve(baseDir, pattern)})`,
      });
    }
    for (const m of matched) files.add(m);
  }
  return { files: [...files], problems };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function resolvePaths(data: ParsedConfig, baseDir: string): ParsedConfig {
  const abs = (p: string) => path.resolve(baseDir, p);
  return {
    ...data,
    dataDir: abs(data.dataDir),
    watchlists: data.watchlists.map(abs),
    detection: { ...data.detection, rules: data.detection.rules.map(abs) },
    lists: data.lists.map((l) => ({ ...l, out: abs(l.out) })),
    channels: data.channels.map((c) =>
      c.type === 'log' ? { ...c, file: abs(c.file ?? path.join(data.dataDir, 'alerts.jsonl')) } : c,
    ),
  };
}

/**
 * True when nobody chose the Redis URL: the file has no `redis.url`, or only a placeholder that
 * fell back to its default, and `REDIS_URL` is unset. Only then may `start` and `demo` run a
 * private Redis; a deployment that names its Redis must fail loudly when it is down.
 */
function redisUrlIsDefault(
  raw: Record<string, unknown>,
  defaulted: ReadonlySet<string>,
  env: Env,
): boolean {
  if (env.REDIS_URL) return false;
  const redis = raw.redis as Record<string, unknown> | undefined;
  // A private Redis is a standalone server, never a stand-in for a cluster.
  if (redis?.cluster === true) return false;
  return redis?.url === undefined || defaulted.has('redis.url');
}

/**
 * Validates config text: placeholders, schema, cross-checks and globs, every problem at once.
 * Throws `CONFIG_INVALID` whose message is one `<file>: <path>: <message>` line per problem.
 */
export async function loadConfigFromText(
  text: string,
  options: LoadTextOptions = {},
): Promise<Config> {
  const configPath = options.file ? path.resolve(options.file) : '<inline>';
  const baseDir = options.file ? path.dirname(configPath) : process.cwd();
  const env = options.env ?? {};
  const { data, problems, defaulted } = parseYaml(text, configPath, env);
  if (data === undefined) fail('CONFIG_INVALID', problems);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail('CONFIG_INVALID', [
      ...problems,
      { file: configPath, path: '', message: 'the config must be a mapping of keys to values' },
    ]);
  }
  const raw = data as Record<string, unknown>;
  problems.push(
    ...applyPortOverride(raw, { flag: options.portFlag, env: env.SW_HTTP_PORT }, configPath),
  );
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    // A value whose variable is missing is reported once, not again as an invalid value.
    const unset = new Set(problems.map((p) => p.path));
    problems.push(
      ...problemsFromZod(configPath, parsed.error.issues, raw).filter((p) => !unset.has(p.path)),
    );
  }
  problems.push(...crossCheck(configPath, raw));

  const watchlistGlobs =
    raw.watchlists === undefined ? ['watchlists/*.yaml'] : stringList(raw.watchlists);
  const detection = raw.detection as Record<string, unknown> | undefined;
  const wl = await expandAll(configPath, baseDir, watchlistGlobs, ['watchlists']);
  const rules = await expandAll(configPath, baseDir, stringList(detection?.rules), [
    'detection',
    'rules',
  ]);
  problems.push(...wl.problems, ...rules.problems);

  if (problems.length || !parsed.success) fail('CONFIG_INVALID', problems);
  const config: Config = {
    ...resolvePaths(parsed.data, baseDir),
    configPath,
    baseDir,
    watchlistFiles: wl.files,
    ruleFiles: rules.files,
    redisUrlIsDefault: redisUrlIsDefault(raw, defaulted, env),
  };
  return deepFreeze(config);
}

/** Loads, interpolates, validates and freezes the config. Throws CONFIG_INVALID listing every problem. */
export async function loadConfig(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  overrides: Pick<LoadTextOptions, 'portFlag'> = {},
): Promise<Config> {
  const abs = path.resolve(resolveConfigPath(file, env));
  const text = await readFile(abs, 'utf8').catch((cause: unknown) => {
    const reason =
      (cause as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : String((cause as Error).message);
    throw new SwError('CONFIG_UNREADABLE', `cannot read config ${abs}: ${reason}`, { cause });
  });
  return loadConfigFromText(text, { file: abs, env, ...overrides });
}

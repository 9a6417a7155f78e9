import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ChainableCommander, Redis } from 'ioredis';

/**
 * Every Lua script the store runs, by name, with its number of KEYS. Each is the `.lua` file in
 * `lua/` named after it in kebab case (`ledgerBegin` → `ledger-begin.lua`), whose header says its
 * KEYS and ARGV. A line `--#include other.lua` pastes another file in (shared Lua functions).
 */
const SCRIPT_KEYS = {
  bumpBuckets: 1,
  deploymentClaim: 1,
  replaceHash: 1,
  lockExtend: 1,
  lockRelease: 1,
  digestTake: 2,
  ledgerRecord: 2,
  ledgerBegin: 4,
  ledgerFinish: 4,
  ledgerRecordDelivery: 2,
  burstOrdinals: 1,
  burstHold: 1,
  burstClose: 2,
} as const;

export type ScriptName = keyof typeof SCRIPT_KEYS;

interface LoadedScript {
  body: string;
  sha: string;
  keys: number;
}

const LUA_DIR = new URL('./lua/', import.meta.url);

function readLua(file: string): string {
  return readFileSync(new URL(file, LUA_DIR), 'utf8').replace(
    /^--#include (\S+)$/gm,
    (_line, other: string) => readLua(other),
  );
}

const SCRIPTS = Object.fromEntries(
  Object.entries(SCRIPT_KEYS).map(([name, keys]) => {
    const body = readLua(`${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.lua`);
    return [name, { body, sha: createHash('sha1').update(body).digest('hex'), keys }];
  }),
) as Record<ScriptName, LoadedScript>;

type Arg = string | number;

function isNoScript(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('NOSCRIPT');
}

/**
 * Runs a script by EVALSHA, falling back to EVAL when Redis lost its script cache (a restart, a
 * failover): sending a script's text with every call costs socket time on every poll.
 */
export async function runScript(
  redis: Redis,
  name: ScriptName,
  keys: readonly string[],
  args: readonly Arg[] = [],
): Promise<unknown> {
  const s = SCRIPTS[name];
  try {
    return await redis.evalsha(s.sha, s.keys, ...keys, ...args);
  } catch (err) {
    if (!isNoScript(err)) throw err;
    return redis.eval(s.body, s.keys, ...keys, ...args);
  }
}

/**
 * Queues a script into a pipeline by EVALSHA. A pipeline cannot fall back per command, so a
 * NOSCRIPT reply makes the caller's pipeline fail; {@link retryNoScript} loads the scripts and
 * sends the pipeline again, which is safe because every script here is idempotent.
 */
export function queueScript(
  pipeline: ChainableCommander,
  name: ScriptName,
  keys: readonly string[],
  args: readonly Arg[] = [],
): void {
  const s = SCRIPTS[name];
  pipeline.evalsha(s.sha, s.keys, ...keys, ...args);
}

/** Loads every script into Redis's cache (after a NOSCRIPT reply, or at start). */
export async function loadScripts(redis: Redis): Promise<void> {
  await Promise.all(Object.values(SCRIPTS).map((s) => redis.script('LOAD', s.body)));
}

/**
 * Runs `build` into a fresh pipeline and executes it; when a reply says NOSCRIPT (Redis lost its
 * script cache), loads the scripts and runs a fresh pipeline once more.
 */
export async function execWithScripts(
  redis: Redis,
  build: (pipeline: ChainableCommander) => void,
): Promise<[Error | null, unknown][]> {
  const first = await execPipeline(redis, build);
  if (!first.some(([err]) => isNoScript(err))) return first;
  await loadScripts(redis);
  return execPipeline(redis, build);
}

async function execPipeline(
  redis: Redis,
  build: (pipeline: ChainableCommander) => void,
): Promise<[Error | null, unknown][]> {
  const pipeline = redis.pipeline();
  build(pipeline);
  return (await pipeline.exec()) ?? [];
}

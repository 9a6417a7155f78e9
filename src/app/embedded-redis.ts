import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { SwError } from '../errors.js';
import { redactUrl } from '../logger.js';
import type { Lifecycle } from './lifecycle.js';

/** Options of {@link withEmbeddedRedis}. */
export interface EmbeddedRedisOptions {
  /** The private Redis registers its stop here, to stop after everything that uses it. */
  lifecycle: Lifecycle;
  logger: Logger;
  /** Told in one line that a private Redis was started. */
  say: (line: string) => void;
  /** How long the default address may take to accept a connection. @defaultValue 1s */
  probeMs?: number;
  /** How long redis-server may take to accept connections. @defaultValue 10s */
  startMs?: number;
}

/** Who runs the private Redis of a data folder: kept beside its files. */
interface Owner {
  owner: number;
  redis: number;
  port: number;
}

const OWNER_FILE = 'owner.json';

/**
 * The config to run with. Unchanged unless nobody chose the Redis URL (`redisUrlIsDefault`) and
 * nothing answers there; then a private `redis-server` from the PATH is started (AOF on, data in
 * `<dataDir>/redis`, loopback only), the config points at it, and it stops with `lifecycle`.
 * Someone who tries sanctionwatch with no Redis at hand gets a working daemon; a deployment that
 * names its Redis never gets one, so its outage is not hidden by an empty private store.
 */
export async function withEmbeddedRedis(
  config: Config,
  options: EmbeddedRedisOptions,
): Promise<Config> {
  if (!config.redisUrlIsDefault) return config;
  const target = new URL(config.redis.url);
  const host = target.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  if (await answers(host, Number(target.port || 6379), options.probeMs ?? 1000)) return config;

  const dir = path.join(config.dataDir, 'redis');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await takeOver(dir, options.logger);
  const { child, port } = await startServer(dir, options.startMs ?? 10_000, config.redis.url);
  const owner: Owner = { owner: process.pid, redis: child.pid!, port };
  await writeFile(path.join(dir, OWNER_FILE), `${JSON.stringify(owner)}\n`);
  superviseServer(child, options);
  const url = `redis://127.0.0.1:${port}`;
  options.say(
    `no Redis at ${redactUrl(config.redis.url)} and REDIS_URL unset: started a private redis-server (pid ${child.pid}) at ${url} with its data in ${dir}; it stops with sanctionwatch`,
  );
  return Object.freeze({ ...config, redis: Object.freeze({ ...config.redis, url }) });
}

/** Whether something accepts a TCP connection at host:port within `ms`. */
export function answers(host: string, port: number, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the pid exists but belongs to someone else, so it is not ours to stop.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Two servers writing one AOF would corrupt it. A folder whose owner still runs is refused; a
 * server left behind by an owner that was killed (SIGKILL gives it no chance to stop Redis) is
 * stopped, provided it still answers on the recorded port, so a pid reused by another program
 * is left alone.
 */
async function takeOver(dir: string, logger: Logger): Promise<void> {
  const text = await readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return;
  let prev: Owner;
  try {
    prev = JSON.parse(text) as Owner;
  } catch {
    return;
  }
  if (prev.owner !== process.pid && alive(prev.owner) && alive(prev.redis)) {
    throw new SwError(
      'REDIS_UNREACHABLE',
      `another sanctionwatch (pid ${prev.owner}) runs the private Redis of ${dir} at redis://127.0.0.1:${prev.port}; set REDIS_URL to it, or give this process another dataDir`,
    );
  }
  if (alive(prev.redis) && (await answers('127.0.0.1', prev.port, 1000))) {
    logger.warn({ pid: prev.redis, dir }, 'stopping a private redis-server left behind');
    process.kill(prev.redis, 'SIGTERM');
    for (let i = 0; i < 100 && alive(prev.redis); i++) await sleep(100);
  }
}

/** Starts redis-server on a free loopback port; a port taken in between is tried again. */
async function startServer(
  dir: string,
  startMs: number,
  url: string,
): Promise<{ child: ChildProcess; port: number }> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return { child: await launch(dir, port, startMs), port };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notInstalled(url, err);
      last = err;
    }
  }
  throw new SwError(
    'REDIS_UNREACHABLE',
    `could not start a private redis-server: ${(last as Error).message}; see ${path.join(dir, 'redis.log')}`,
  );
}

async function launch(dir: string, port: number, startMs: number): Promise<ChildProcess> {
  // Its own process group: Ctrl-C in a terminal reaches the whole foreground group, and Redis
  // must outlive the daemon's graceful stop, which still writes to it.
  const child = spawn(
    'redis-server',
    [
      ...['--bind', '127.0.0.1', '--port', String(port), '--protected-mode', 'yes'],
      ...['--dir', dir, '--appendonly', 'yes', '--save', ''],
      ...['--maxmemory-policy', 'noeviction', '--logfile', 'redis.log', '--daemonize', 'no'],
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'], cwd: dir },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<Error>((resolve) => {
    child.once('error', resolve);
    child.once('exit', (code) =>
      resolve(new Error(stderr.trim().split('\n').pop() || `redis-server exited with ${code}`)),
    );
  });
  const deadline = Date.now() + startMs;
  while (Date.now() < deadline) {
    const outcome = await Promise.race([exited, answers('127.0.0.1', port, 200)]);
    if (outcome instanceof Error) throw outcome;
    if (outcome) return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not accept connections within ${startMs} ms`);
}

function notInstalled(url: string, cause: unknown): SwError {
  return new SwError(
    'REDIS_UNREACHABLE',
    `cannot reach Redis at ${redactUrl(url)} and no redis-server on the PATH to start a private one: install it (\`apt install redis-server\`, \`brew install redis\`) or set REDIS_URL to a running Redis`,
    { cause },
  );
}

/** Stops the server last (lifecycle), or at the latest when this process exits at all. */
function superviseServer(child: ChildProcess, options: EmbeddedRedisOptions): void {
  let stopping = false;
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  child.once('exit', (code, signal) => {
    if (!stopping)
      options.logger.error({ code, signal }, 'the private redis-server stopped unexpectedly');
  });
  options.lifecycle.onStop('private redis-server', async (left) => {
    stopping = true;
    process.off('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    // SIGTERM: Redis flushes the AOF and exits; SIGKILL only past the deadline.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(left() - 200, 500));
    await gone;
    clearTimeout(timer);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

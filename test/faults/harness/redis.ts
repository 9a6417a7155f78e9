import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, sleep, waitFor } from './wait.js';

/** Options of {@link privateRedis}. */
export interface PrivateRedisOptions {
  /**
   * Persist with `--appendonly yes --appendfsync everysec` in the instance's temp folder, so a
   * restart keeps the queued jobs. @defaultValue true
   */
  aof?: boolean;
  /** Write the server's log to `redis.log` in its folder (see {@link PrivateRedis.logTail}). @defaultValue false */
  log?: boolean;
}

/** A `redis-server` owned by one test, on its own free port and folder. */
export interface PrivateRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Data folder (AOF files live here). */
  readonly dir: string;
  /** Graceful stop (SIGTERM: Redis flushes the AOF); resolves once the process has exited. */
  stop(): Promise<void>;
  /** Starts the server again on the same port and folder; resolves once it answers PING. */
  start(): Promise<void>;
  /** {@link stop}, wait `downMs`, {@link start}. @param downMs time to stay down, default 0. */
  restart(downMs?: number): Promise<void>;
  /** SIGKILL: no AOF flush (up to ~1 s of writes may be lost, as with a real crash). */
  kill(): Promise<void>;
  /** Final cleanup: stops the server if running and deletes its folder. */
  dispose(): Promise<void>;
  /**
   * How the last run of the server ended, once it did (for a long run that must explain a lost
   * Redis); undefined while it runs.
   */
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Last lines of the server's log (empty without the `log` option). */
  logTail(lines?: number): Promise<string>;
}

/** Starts a private Redis (noeviction, no RDB snapshots) for tests that stop or kill Redis. */
export async function privateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const aof = options.aof ?? true;
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-fault-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const logfile = path.join(dir, 'redis.log');
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let exit: PrivateRedis['exit'];

  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    ...(aof ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no']),
    ...(options.log ? ['--logfile', logfile] : []),
  ];

  async function start(): Promise<void> {
    if (child) throw new Error(`private redis on ${port} is already running`);
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    exit = undefined;
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    exited = new Promise<void>((resolve) =>
      proc.once('exit', (code, sig) => {
        if (child === proc) child = undefined;
        exit = { code, signal: sig };
        resolve();
      }),
    );
    await waitFor(() => ping(url), 10_000, `private redis on ${port} to answer PING ${stderr}`);
  }

  async function signal(sig: NodeJS.Signals): Promise<void> {
    const proc = child;
    if (!proc) return;
    proc.kill(sig);
    await exited;
  }

  await start();
  return {
    url,
    port,
    dir,
    start,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async restart(downMs = 0) {
      await signal('SIGTERM');
      if (downMs > 0) await sleep(downMs);
      await start();
    },
    async dispose() {
      await signal('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
    get exit() {
      return exit;
    },
    async logTail(lines = 20) {
      const text = await readFile(logfile, 'utf8').catch(() => '');
      return text.trim().split('\n').slice(-lines).join('\n');
    },
  };
}

/** Runs `use` on a short-lived connection to `url` that never retries (1 s to connect). */
export async function oneShot<T>(url: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

/** True when Redis at `url` answers PING within a second. */
export async function ping(url: string): Promise<boolean> {
  return oneShot(url, async (r) => (await r.ping()) === 'PONG').catch(() => false);
}

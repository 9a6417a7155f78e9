import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../helpers/redis.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const STARTED = /started a private redis-server \(pid (\d+)\) at (redis:\/\/127\.0\.0\.1:\d+)/;

/**
 * `sanctionwatch start` with the test's environment but REDIS_URL (unless `env` gives one); once
 * the daemon has started on a private Redis, runs `whileUp` on it and sends SIGINT. 30 s at most.
 */
function start(
  config: string,
  env: NodeJS.ProcessEnv,
  whileUp?: (pid: number, url: string) => Promise<void>,
) {
  const base = { ...process.env };
  delete base.REDIS_URL;
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/sanctionwatch.js'), 'start'], {
    cwd: repoRoot,
    env: { ...base, SANCTIONWATCH_CONFIG: config, ...env },
  });
  let stdout = '';
  let stderr = '';
  let up = false;
  let failure: unknown;
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    const m = STARTED.exec(stdout);
    if (up || !m || !stdout.includes('sanctionwatch started')) return;
    up = true;
    void (whileUp?.(Number(m[1]), m[2]) ?? Promise.resolve())
      .catch((err: unknown) => (failure = err))
      .finally(() => child.kill('SIGINT'));
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<Run & { failure: unknown }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, failure });
    }),
  );
}

/** A loopback port nothing listens on: the "default address" of these configs. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` on a connection to `url`. */
async function withRedis<T>(url: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

describe('sanctionwatch start without a Redis (process)', () => {
  let dir: string;
  let config: string;
  let port: number;
  const prefix = randomPrefix('embedded');
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sw-embedded-'));
    port = await closedPort();
    config = path.join(dir, 'sw.yaml');
    // The default of the placeholder, not 6379: the machine's own Redis must not answer it.
    await writeFile(
      config,
      [
        `redis: { url: '\${REDIS_URL:-redis://127.0.0.1:${port}}', prefix: ${prefix} }`,
        'http: { enabled: false }',
        'dataDir: data',
        'watchlists: []',
        'logging: { level: info }',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await deletePrefix(prefix);
    await rm(dir, { recursive: true, force: true });
  });

  it('starts a private redis-server with AOF under dataDir, says so, and stops it on SIGINT', async () => {
    let pid = 0;
    let url = '';
    const r = await start(config, {}, async (p, u) => {
      [pid, url] = [p, u];
      expect(alive(pid)).toBe(true);
      await withRedis(url, async (redis) => {
        expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
        expect(await redis.config('GET', 'dir')).toEqual(['dir', path.join(dir, 'data', 'redis')]);
        expect(await redis.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
        await redis.set(`${prefix}:marker`, 'kept');
      });
    });
    expect(r.failure).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter((l) => l.includes('private redis-server'))).toHaveLength(1);
    expect(url).not.toBe(`redis://127.0.0.1:${port}`);
    // Stopped with the daemon, not left behind.
    expect(alive(pid)).toBe(false);
    // The machine's own Redis never saw this daemon.
    expect(await deletePrefix(prefix, REDIS_URL)).toBe(0);
  }, 40_000);

  it('finds what it stored again on the next start (same folder, AOF)', async () => {
    let marker: string | null = null;
    let pid = 0;
    const r = await start(config, {}, async (p, url) => {
      pid = p;
      marker = await withRedis(url, (redis) => redis.get(`${prefix}:marker`));
    });
    expect(r.failure).toBeUndefined();
    expect(r.code).toBe(0);
    expect(marker).toBe('kept');
    expect(alive(pid)).toBe(false);
  }, 40_000);

  it('never starts one when REDIS_URL is set: the usual one-line error, exit 1', async () => {
    const r = await start(config, { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sanctionwatch: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).not.toContain('private redis-server');
  }, 40_000);

  it('without redis-server on the PATH, says in one line how to install one, exit 1', async () => {
    const empty = await mkdtemp(path.join(dir, 'path-'));
    const r = await start(config, { PATH: empty });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('apt install redis-server');
    expect(lines[0]).toContain('brew install redis');
    expect(lines[0]).toContain('REDIS_URL');
  }, 40_000);
});

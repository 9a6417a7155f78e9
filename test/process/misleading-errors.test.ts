import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/* Regressions (issue 18): errors that sent the operator the wrong way. */

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

let dir = '';
let port = 0;
let redis: ChildProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sw-errors-'));
  port = await freePort();
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', 's3cret-pw'],
    { stdio: 'ignore', cwd: dir },
  );
  for (let tries = 0; ; tries++) {
    const probe = new Redis({
      port,
      password: 's3cret-pw',
      lazyConnect: true,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (err) {
      if (tries > 100) throw err;
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
}, 20_000);

afterAll(async () => {
  redis?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

async function config(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('errors that name the real problem', { timeout: 30_000 }, () => {
  it('a wrong Redis password is "refused the credentials", not "cannot reach", and never printed', async () => {
    const file = await config(
      'pw.yaml',
      [
        'redis: { url: "${REDIS_URL}" }',
        'watchlists: []',
        'channels: [{ name: c, type: log }]',
        'routes: [{ categories: [arms_transfer], channels: [c] }]',
      ].join('\n'),
    );
    const r = await runCli(['alerts', 'failed', '-c', file], {
      env: { REDIS_URL: `redis://:wrong-pw@127.0.0.1:${port}` },
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/refused the credentials \(WRONGPASS\)/);
    expect(r.stderr + r.stdout).not.toContain('wrong-pw');
  });

  it('a YAML alias bomb is bad config (exit 2) naming the file, not a crash', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const [prev, cur] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const file = await config('bomb.yaml', lines.join('\n'));
    const r = await runCli(['check', '-c', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: (top level): invalid YAML:`);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { testConfig } from '../../helpers/config.js';

const logger = pino({ level: 'silent' });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await new Promise((r) => setTimeout(r, 300));
  return child;
}

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('Redis outage while running', () => {
  let app: App | undefined;
  let redis: ChildProcess | undefined;
  afterAll(async () => {
    await app?.stop(2000);
    redis?.kill('SIGKILL');
  });

  it('reports not-ready while Redis is down and ready again when it is back', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    const config = testConfig({
      redis: { url: `redis://127.0.0.1:${port}`, prefix: 'outage' },
      http: { enabled: false },
    });
    app = createApp({ config, logger });
    await app.start();
    expect((await app.readiness()).ready).toBe(true);

    redis.kill('SIGKILL');
    expect(await waitFor(async () => !(await app!.readiness()).ready, 10_000)).toBe(true);
    expect((await app.readiness()).checks.redis).not.toBe(true);

    redis = await startRedis(port);
    expect(await waitFor(async () => (await app!.readiness()).ready, 20_000)).toBe(true);
  });
});

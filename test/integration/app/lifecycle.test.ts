import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { testConfig } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const logger = pino({ level: 'silent' });

describe('app lifecycle', () => {
  let app: App | undefined;
  let prefix = '';
  afterEach(async () => {
    await app?.stop(3000);
    app = undefined;
    if (prefix) await deletePrefix(prefix);
  });

  it('starts every role, reports ready, and stops', async () => {
    prefix = randomPrefix('life');
    const config = testConfig({ redis: { url: REDIS_URL, prefix }, http: { port: 0 } });
    app = createApp({ config, logger });
    await app.start();
    // poll, match, and one worker per delivery queue (no lists are configured here).
    expect(app.workers.map((w) => w.name).sort()).toEqual(
      ['deliver-chat', 'deliver-email', 'deliver-log', 'deliver-webhook', 'match', 'poll'].sort(),
    );
    const r = await app.readiness();
    expect(r).toEqual({
      ready: true,
      checks: { redis: true, workers: true, writes: true, schedules: true, polling: true },
    });
    const res = await fetch(`${app.httpUrl}/readyz`);
    expect(res.status).toBe(200);
    // Bull Board is mounted, read-only by default.
    const board = await fetch(`${app.httpUrl}/admin/queues/api/queues`);
    expect(board.status).toBe(200);
    const body = (await board.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toContain('match');
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    await app.stop(3000);
    expect(app.workers.every((w) => !w.isRunning())).toBe(true);
  });

  it('fails start with REDIS_UNREACHABLE naming the URL when Redis is not there', async () => {
    prefix = '';
    const config = testConfig({
      redis: { url: 'redis://127.0.0.1:1', prefix: 'x' },
      http: { enabled: false },
    });
    app = createApp({ config, logger, connectTimeoutMs: 2000 });
    await expect(app.start()).rejects.toMatchObject({
      code: 'REDIS_UNREACHABLE',
      message: expect.stringContaining('redis://127.0.0.1:1') as unknown as string,
    });
  });

  it('a match job in flight at stop completes and is not lost', async () => {
    prefix = randomPrefix('life');
    const config = testConfig({ redis: { url: REDIS_URL, prefix }, http: { enabled: false } });
    app = createApp({ config, logger, role: 'matcher' });
    await app.start();
    const queues = app.context!.queues;
    const item = {
      key: 'k1',
      keySource: 'guid' as const,
      title: 'Nothing to see',
      body: 'weather report',
    };
    await queues.match.addBulk(
      Array.from({ length: 50 }, (_, i) => ({
        name: 'item',
        data: { feed: 'f', items: [{ ...item, key: `k${i}` }], polledAt: Date.now() },
      })),
    );
    await app.stop(5000);
    const probe = new Queue('match', { connection: { url: REDIS_URL }, prefix });
    const counts = await probe.getJobCounts('completed', 'waiting', 'active', 'failed');
    await probe.close();
    // Every job either completed or is still waiting for the next start: none lost, none failed.
    expect(counts.completed + counts.waiting + counts.active).toBe(50);
    expect(counts.failed).toBe(0);
    expect(counts.active).toBe(0);
  });
});

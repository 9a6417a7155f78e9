import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { readMarker } from '../../../src/app/data-loss.js';
import { createKeeper } from '../../../src/app/keeper.js';
import { createMetrics } from '../../../src/app/metrics.js';
import { feedSchedulerId } from '../../../src/app/schedules.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { closeQueues, createQueues, type Queues } from '../../../src/queues/factory.js';
import { feedKey } from '../../../src/store/feed-state.js';
import { repoRoot } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

/** Log lines at warn and above, as `level msg`. */
function recordingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
  const messages = (level: number) =>
    lines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.level === level)
      .map((l) => l.msg);
  return { logger, messages };
}

describe('keeper: what a poller does when Redis loses its data', () => {
  let redis: Redis | undefined;
  let queues: Queues | undefined;
  let prefix = '';
  let dir = '';
  afterEach(async () => {
    if (queues) await closeQueues(queues);
    redis?.disconnect();
    await deletePrefix(prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function setup(feeds: string[], now: { t: number }, mono?: { t: number }) {
    const config = await loadConfigFromText(
      `
redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { enabled: false }
dataDir: "${dir}"
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
feeds:
${feeds.map((f) => `  - { name: ${f}, url: "https://example.org/${f}.xml", interval: 1m }`).join('\n')}
`,
      { file: path.join(dir, 'sw.yaml') },
    );
    const { logger, messages } = recordingLogger();
    const keeper = createKeeper({
      config,
      redis: redis!,
      queues: queues!,
      logger,
      clock: mono ? { now: () => now.t, monotonic: () => mono.t } : { now: () => now.t },
      metrics: createMetrics(),
    });
    return { keeper, messages };
  }

  it('notices a wiped Redis once, restores the schedules, and guards the resync across restarts', async () => {
    prefix = randomPrefix('keeper');
    dir = await mkdtemp(path.join(tmpdir(), 'sw-keeper-'));
    redis = new Redis(REDIS_URL);
    queues = createQueues(redis, prefix, pino({ level: 'silent' }));
    const now = { t: Date.parse('2026-12-04T12:00:00Z') };

    const first = await setup(['a', 'b'], now);
    await first.keeper.tick();
    const ids = async () => (await queues!.poll.getJobSchedulers(0, -1)).map((s) => s.key).sort();
    expect(await ids()).toEqual([feedSchedulerId('a'), feedSchedulerId('b')]);
    expect(first.keeper.resyncBefore()).toBeUndefined();
    const polledAt = now.t + 30_000;
    first.keeper.notePoll(polledAt);
    now.t += 60_000;
    await first.keeper.tick();
    expect((await readMarker(dir, prefix))?.lastPollAt).toBe(polledAt);

    // Redis restarted empty: every key of the deployment is gone.
    await deletePrefix(prefix);
    now.t += 60_000;
    await first.keeper.tick();
    await first.keeper.tick();
    expect(first.messages(50)).toEqual([expect.stringContaining('Redis lost this deployment')]);
    expect(first.keeper.resyncBefore()).toBe(polledAt);
    expect(await ids()).toEqual([feedSchedulerId('a'), feedSchedulerId('b')]);
    expect(first.messages(40)).toContain('schedules missing from Redis restored');

    // The daemon restarted before every feed was polled again: the guard holds, no new alarm.
    const second = await setup(['a', 'b'], now);
    await second.keeper.tick();
    expect(second.keeper.resyncBefore()).toBe(polledAt);
    expect(second.messages(50)).toEqual([]);
    // A week later the guard has nothing left to guard (older items are past maxItemAge).
    now.t += 8 * 86_400_000;
    expect(second.keeper.resyncBefore()).toBeUndefined();
  });

  it('forgets a feed that left the config and reports one that is not polled', async () => {
    prefix = randomPrefix('keeper');
    dir = await mkdtemp(path.join(tmpdir(), 'sw-keeper-'));
    redis = new Redis(REDIS_URL);
    queues = createQueues(redis, prefix, pino({ level: 'silent' }));
    const now = { t: Date.parse('2026-12-04T12:00:00Z') };
    const both = await setup(['a', 'b'], now);
    await both.keeper.tick();
    await redis.hset(feedKey(prefix, 'b', 'state'), 'lastAttempt', String(now.t));

    const onlyA = await setup(['a'], now);
    await onlyA.keeper.tick();
    expect((await queues.poll.getJobSchedulers(0, -1)).map((s) => s.key)).toEqual([
      feedSchedulerId('a'),
    ]);
    expect(await redis.exists(feedKey(prefix, 'b', 'state'))).toBe(0);
    expect(onlyA.keeper.checks().polling).toBe(true);

    // Three intervals and more without a poll of `a`: not ready, and the reason names it.
    now.t += 3 * 60_000 + 1000;
    await onlyA.keeper.tick();
    expect(onlyA.keeper.checks().polling).toBe('not polled for 3 intervals: a');
    await redis.hset(feedKey(prefix, 'a', 'state'), 'lastAttempt', String(now.t));
    await onlyA.keeper.tick();
    expect(onlyA.keeper.checks().polling).toBe(true);
  });

  it('keeps polling after the wall clock steps back a day: the stalled schedule is restarted and a poll queued', async () => {
    prefix = randomPrefix('keeper');
    dir = await mkdtemp(path.join(tmpdir(), 'sw-keeper-'));
    redis = new Redis(REDIS_URL);
    queues = createQueues(redis, prefix, pino({ level: 'silent' }));
    const wall = { t: Date.now() };
    const mono = { t: 1_000 };
    // What a step back leaves: the last attempt and its backoff in the future, and the next
    // scheduled poll a day away.
    await redis.hset(feedKey(prefix, 'a', 'state'), {
      lastAttempt: String(wall.t),
      backoffUntil: String(wall.t + 120_000),
      consecutiveFailures: '1',
    });
    await queues.poll.upsertJobScheduler(
      feedSchedulerId('a'),
      { every: 60_000, startDate: Date.now() + 86_400_000 },
      { name: 'poll', data: { feed: 'a' } },
    );
    wall.t -= 86_400_000;
    const { keeper, messages } = await setup(['a'], wall, mono);
    await keeper.tick();
    expect(keeper.checks().polling).toBe(true);
    const nextRun = async () =>
      Math.min(...(await queues!.poll.getDelayed()).map((j) => j.timestamp + (j.opts.delay ?? 0)));
    expect(await nextRun()).toBeGreaterThan(Date.now() + 86_000_000);

    // Wall time stands still (it is a day behind); monotonic time says 3 intervals + backoff passed.
    mono.t += 3 * 60_000 + 120_000 + 1000;
    await keeper.tick();
    expect(keeper.checks().polling).toBe('not polled for 3 intervals: a');
    const waiting = await queues.poll.getWaiting();
    expect(waiting.map((j) => j.data as unknown)).toEqual([{ feed: 'a' }]);
    expect(await nextRun()).toBeLessThan(Date.now() + 61_000);
    expect(messages(40)).toEqual([
      'feed not polled for 3 intervals (lost job or clock step): schedule restarted and a poll queued',
    ]);
    // Once is enough: the next pass does not queue another poll.
    await keeper.tick();
    expect(await queues.poll.getWaiting()).toHaveLength(1);
  });

  // Regression: the marker was one per data folder, so a second deployment sharing the folder (or
  // a changed prefix) looked like a Redis that had lost its data, and resynced.
  it('takes another prefix on the same data folder for another deployment, not a data loss', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sw-keeper-'));
    redis = new Redis(REDIS_URL);
    const now = { t: Date.parse('2026-12-04T12:00:00Z') };
    const first = randomPrefix('keeper');
    prefix = first;
    queues = createQueues(redis, prefix, pino({ level: 'silent' }));
    const a = await setup(['a'], now);
    await a.keeper.tick();
    a.keeper.notePoll(now.t);
    now.t += 60_000;
    await a.keeper.tick();
    expect((await readMarker(dir, first))?.lastPollAt).toBe(now.t - 60_000);
    await closeQueues(queues);

    prefix = randomPrefix('keeper');
    queues = createQueues(redis, prefix, pino({ level: 'silent' }));
    const b = await setup(['a'], now);
    await b.keeper.tick();
    expect(b.messages(50)).toEqual([]);
    expect(b.keeper.resyncBefore()).toBeUndefined();
    await deletePrefix(first);
  });
});

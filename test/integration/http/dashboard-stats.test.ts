import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  ALERT_DAYS_KEPT,
  ITEM_HOURS_KEPT,
  readAlertsPerDay,
  readFeedPollCounts,
  readItemsPerHour,
  queuePollStats,
  recordAlertStats,
  statsKeys,
  type StatsAt,
} from '../../../src/store/stats.js';
import { execWithScripts } from '../../../src/store/scripts.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const logger = pino({ level: 'silent' });
const redis = new Redis(REDIS_URL);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let prefix = '';

/** Stats written at the clock's current time (read on every call, like the daemon's clock). */
function target(now: { t: number }): () => StatsAt {
  return () => ({ prefix, now: now.t, logger });
}

/** One poll's stats in a pipeline of their own, as the poll's last round trip sends them. */
async function recordPollStats(at: () => StatsAt, feed: string, status: string, items: number) {
  let onReplies: (replies: [Error | null, unknown][]) => void = () => undefined;
  const replies = await execWithScripts(redis, (pipeline) => {
    onReplies = queuePollStats(at(), pipeline, feed, status, items);
  });
  onReplies(replies);
}

const recordAlerts = (at: () => StatsAt, alerts: number) => recordAlertStats(redis, at(), alerts);

afterEach(async () => {
  await deletePrefix(prefix);
});
afterAll(() => redis.quit());

describe('dashboard stats in Redis', () => {
  it('counts items per hour and alerts per day, zero-filled, oldest first', async () => {
    prefix = randomPrefix('stats');
    const clock = { t: Date.parse('2026-11-27T10:15:00Z') };
    const ctx = target(clock);
    await recordPollStats(ctx, 'a', 'new-items', 3);
    await recordPollStats(ctx, 'a', 'not-modified', 0);
    await recordPollStats(ctx, 'b', 'failed', 0);
    await recordPollStats(ctx, 'b', 'skipped-backoff', 0);
    await recordAlerts(ctx, 2);
    clock.t += HOUR;
    await recordPollStats(ctx, 'a', 'new-items', 4);
    await recordAlerts(ctx, 1);
    await recordAlerts(ctx, 0);

    const hours = await readItemsPerHour(redis, prefix, clock.t, 3);
    expect(hours).toEqual([
      { bucket: '2026-11-27T09', count: 0 },
      { bucket: '2026-11-27T10', count: 3 },
      { bucket: '2026-11-27T11', count: 4 },
    ]);
    const days = await readAlertsPerDay(redis, prefix, clock.t, 2);
    expect(days).toEqual([
      { bucket: '2026-11-26', count: 0 },
      { bucket: '2026-11-27', count: 3 },
    ]);
    const polls = await readFeedPollCounts(redis, prefix);
    expect(Object.fromEntries(polls)).toEqual({
      a: { polls: 3, notModified: 1 },
      b: { polls: 1, notModified: 0 },
    });
    // Every key expires, so a prefix no daemon uses any more empties itself.
    for (const key of Object.values(statsKeys(prefix)))
      expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('keeps the hashes bounded: old buckets go once the cap is passed', async () => {
    prefix = randomPrefix('stats');
    const clock = { t: Date.parse('2026-01-01T00:30:00Z') };
    const ctx = target(clock);
    for (let i = 0; i < ITEM_HOURS_KEPT + 30; i++) {
      await recordPollStats(ctx, 'a', 'new-items', 1);
      clock.t += HOUR;
    }
    for (let i = 0; i < ALERT_DAYS_KEPT + 10; i++) {
      await recordAlerts(ctx, 1);
      clock.t += DAY;
    }
    const keys = statsKeys(prefix);
    expect(await redis.hlen(keys.items)).toBeLessThanOrEqual(ITEM_HOURS_KEPT + 1);
    expect(await redis.hlen(keys.alerts)).toBeLessThanOrEqual(ALERT_DAYS_KEPT + 1);
    expect(await redis.hexists(keys.items, '2026-01-01T00')).toBe(0);
  });

  it('never fails the caller when Redis refuses the write', async () => {
    prefix = randomPrefix('stats');
    // A string where a hash is expected makes HINCRBY fail with WRONGTYPE.
    await redis.set(statsKeys(prefix).feeds, 'x');
    const warnings: string[] = [];
    const ctx = () => ({
      ...target({ t: Date.now() })(),
      logger: { warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? '') },
    });
    await expect(recordPollStats(ctx, 'a', 'new-items', 1)).resolves.toBeUndefined();
    expect(warnings).toEqual(['dashboard stats not recorded']);
  });
});

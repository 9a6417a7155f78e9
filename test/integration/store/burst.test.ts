import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignOrdinals, closeRound, holdAlerts } from '../../../src/store/burst.js';
import { createLedger } from '../../../src/store/ledger.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../../helpers/redis.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';

const redis = new Redis(REDIS_URL);
let prefix: string;
beforeEach(() => {
  prefix = randomPrefix('burst');
});
afterEach(async () => {
  await deletePrefix(prefix);
});
afterAll(async () => {
  await redis.quit();
});

const poll = { feed: 'wire', polledAt: 1_700_000_000_000 };
const alert = (id: string) => sampleAlert({ id });

describe('flood control state in Redis', () => {
  it('numbers alerts per channel, and the same alert always gets the same number', async () => {
    const pairs = ['a1', 'a2', 'a3'].map((alertId) => ({ channel: 'siem', alertId }));
    expect(await assignOrdinals(redis, prefix, poll, pairs)).toEqual([1, 2, 3]);
    // A retried match job, in another order, plus one new alert and another channel.
    const again = [pairs[2], { channel: 'siem', alertId: 'a4' }, pairs[0]];
    expect(await assignOrdinals(redis, prefix, poll, again)).toEqual([3, 4, 1]);
    expect(
      await assignOrdinals(redis, prefix, poll, [{ channel: 'console', alertId: 'a3' }]),
    ).toEqual([1]);
  });

  it('holds once per alert; a round waits for quiet, closes, and later alerts open the next', async () => {
    const held = (ids: string[]) => ids.map((id) => ({ channel: 'siem', alert: alert(id) }));
    expect(await holdAlerts(redis, prefix, poll, held(['a1', 'a2']), 1000)).toEqual([1, 1]);
    const round1 = { ...poll, channel: 'siem', round: 1 };
    const timing = { quietMs: 3000, maxWaitMs: 60_000 };
    expect(await closeRound(redis, prefix, round1, { ...timing, now: 2000 })).toEqual({
      waitMs: 2000,
    });
    const closed = await closeRound(redis, prefix, round1, { ...timing, now: 4000 });
    expect('alerts' in closed && closed.alerts.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    // A retried match job finds a1 in round 1; a new alert goes to round 2.
    expect(await holdAlerts(redis, prefix, poll, held(['a1', 'a3']), 5000)).toEqual([1, 2]);
    // A retried summary job of round 1 gets the same alerts, round 2 only its own.
    const again = await closeRound(redis, prefix, round1, { ...timing, now: 9000 });
    expect('alerts' in again && again.alerts).toHaveLength(2);
    const round2 = await closeRound(
      redis,
      prefix,
      { ...round1, round: 2 },
      { ...timing, now: 9000 },
    );
    expect('alerts' in round2 && round2.alerts.map((a) => a.id)).toEqual(['a3']);
  });

  it('the ledger keeps recent alerts by age, not by count', async () => {
    const day = 86_400_000;
    const ledger = createLedger({ redis, prefix, recentAgeMs: 30 * day });
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    await ledger.recordAlerts([sampleAlert({ id: 'a_old', createdAt: at(0) })]);
    await ledger.recordAlerts(
      Array.from({ length: 1500 }, (_, i) =>
        sampleAlert({ id: `a_${i}`, createdAt: at(20 * day + i) }),
      ),
    );
    expect(await ledger.get('a_old')).toBeDefined();
    await ledger.recordAlert(sampleAlert({ id: 'a_new', createdAt: at(31 * day) }));
    expect(await ledger.get('a_old')).toBeUndefined();
    expect(await ledger.recent(100_000)).toHaveLength(1501);
  });
});

import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deliverWithLedger } from '../../../src/alerts/deliver-with-ledger.js';
import { createLedger } from '../../../src/store/ledger.js';
import type { Channel } from '../../../src/alerts/types.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../../helpers/redis.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';

/*
 * Regression (issue 7 soak): every alert left a `ledger:status:<id>` hash for 180 days although
 * `alerts recent` only reads the states of the last `recentMax` alerts, so the key count and
 * Redis memory grew with every alert. States now leave with their alert.
 */
const redis = new Redis(REDIS_URL);
const prefix = randomPrefix('ledger-ret');
afterEach(() => deletePrefix(prefix));
afterAll(() => redis.quit());

async function statusKeys(): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      `${prefix}:ledger:status:*`,
      'COUNT',
      1000,
    );
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  return out.sort();
}

describe('delivery states are bounded by the recent-alerts cap', () => {
  it('drops the state of alerts trimmed from recent, and records none for them later', async () => {
    const ledger = createLedger({ redis, prefix, recentMax: 3 });
    const channel: Channel = { name: 'hook', type: 'webhook', deliver: () => Promise.resolve() };
    const alerts = Array.from({ length: 10 }, (_, i) =>
      sampleAlert({
        id: `a_${i}`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      }),
    );
    for (const alert of alerts) {
      await ledger.recordAlert(alert);
      expect(await deliverWithLedger({ ledger, channel, alert })).toBe('delivered');
    }
    expect(await statusKeys()).toEqual([7, 8, 9].map((i) => `${prefix}:ledger:status:a_${i}`));
    const recent = await ledger.recent(10);
    expect(recent.map((r) => r.alert.id)).toEqual(['a_9', 'a_8', 'a_7']);
    for (const r of recent) expect(r.deliveries.hook.state).toBe('delivered');

    // A late retry of a trimmed alert (e.g. after a long outage) leaves no orphan state.
    await ledger.recordDelivery('a_0', 'hook', { state: 'failed', at: new Date().toISOString() });
    expect(await statusKeys()).toHaveLength(3);
    // Dedup is unaffected: the trimmed alert is still known as delivered.
    expect(await ledger.isDelivered('hook', 'a_0')).toBe(true);
  });
});

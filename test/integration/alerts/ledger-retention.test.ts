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
 * Redis memory grew with every alert. States now leave with their alert, and (since alerts are
 * kept by age, issue 17) live as fields of one hash, so the key count does not grow with alerts.
 */
const redis = new Redis(REDIS_URL);
const prefix = randomPrefix('ledger-ret');
afterEach(() => deletePrefix(prefix));
afterAll(() => redis.quit());

/** Alert ids that have delivery states, and every status key there is. */
async function statuses(): Promise<{ ids: string[]; keys: string[] }> {
  const ids = (await redis.hkeys(`${prefix}:ledger:statuses`)).sort();
  const keys = (await redis.keys(`${prefix}:ledger:status*`)).sort();
  return { ids, keys };
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
    expect(await statuses()).toEqual({
      ids: ['a_7', 'a_8', 'a_9'],
      keys: [`${prefix}:ledger:statuses`],
    });
    const recent = await ledger.recent(10);
    expect(recent.map((r) => r.alert.id)).toEqual(['a_9', 'a_8', 'a_7']);
    for (const r of recent) expect(r.deliveries.hook.state).toBe('delivered');

    // A late retry of a trimmed alert (e.g. after a long outage) leaves no orphan state.
    await ledger.recordDelivery('a_0', 'hook', { state: 'failed', at: new Date().toISOString() });
    expect((await statuses()).ids).toEqual(['a_7', 'a_8', 'a_9']);
    // Dedup is unaffected: the trimmed alert is still known as delivered.
    expect(await ledger.isDelivered('hook', 'a_0')).toBe(true);
  });
});

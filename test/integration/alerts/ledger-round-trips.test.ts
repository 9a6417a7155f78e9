import { describe, expect, it } from 'vitest';
import { deliverWithLedger } from '../../../src/alerts/deliver-with-ledger.js';
import type { Ledger } from '../../../src/store/ledger.js';
import type { Alert, Channel } from '../../../src/alerts/types.js';
import { ledgerPerTest } from '../../helpers/ledger.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';

// The ledger's delivery path is two scripts (begin, finish) instead of seven round trips; these
// pin what each of them must still do.

let ledger: Ledger;
ledgerPerTest('ledger-rt', (f) => ({ ledger } = f));

const okChannel = (sent: string[]): Channel => ({
  name: 'c',
  type: 'log',
  deliver(alert: Alert) {
    sent.push(alert.id);
    return Promise.resolve();
  },
});

describe('ledger begin/finish', () => {
  it('records the alert, marks it delivered with its state, and frees the lock', async () => {
    const sent: string[] = [];
    const alert = sampleAlert();
    const outcome = await deliverWithLedger({
      ledger,
      channel: okChannel(sent),
      alert,
      recordAlert: true,
    });
    expect(outcome).toBe('delivered');
    expect(await ledger.isDelivered('c', alert.id)).toBe(true);
    expect(await ledger.lockRemainingMs('c', alert.id)).toBe(0);
    const [recent] = await ledger.recent(10);
    expect(recent.alert.id).toBe(alert.id);
    expect(recent.deliveries.c.state).toBe('delivered');
    expect(sent).toEqual([alert.id]);
  });

  it('reports a lock held by another holder with its remaining time, and delivered once marked', async () => {
    const alert = sampleAlert();
    const held = await ledger.acquire('c', alert.id, 5000);
    expect(held).toBeDefined();
    const busy = await ledger.begin('c', alert.id, 1000);
    expect(busy.state).toBe('locked');
    if (busy.state === 'locked') expect(busy.retryAfterMs).toBeGreaterThan(1000);
    expect(await ledger.finish('c', alert.id, held!, new Date().toISOString())).toBe(true);
    expect(await ledger.lockRemainingMs('c', alert.id)).toBe(0);
    expect((await ledger.begin('c', alert.id, 1000)).state).toBe('delivered');
    // Idempotent: a retried finish after a lost reply changes nothing.
    expect(await ledger.finish('c', alert.id, held!, new Date().toISOString())).toBe(false);
  });

  it('does not release a lock another holder took after ours expired', async () => {
    const alert = sampleAlert();
    const ours = await ledger.begin('c', alert.id, 50);
    expect(ours.state).toBe('acquired');
    await new Promise((r) => setTimeout(r, 80));
    const theirs = await ledger.acquire('c', alert.id, 5000);
    expect(theirs).toBeDefined();
    if (ours.state === 'acquired')
      await ledger.finish('c', alert.id, ours.token, new Date().toISOString());
    expect(await ledger.lockRemainingMs('c', alert.id)).toBeGreaterThan(0);
  });
});

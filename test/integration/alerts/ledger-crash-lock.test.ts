import { describe, expect, it } from 'vitest';
import { deliverWithLedger } from '../../../src/alerts/deliver-with-ledger.js';
import type { Ledger } from '../../../src/store/ledger.js';
import type { Alert, Channel } from '../../../src/alerts/types.js';
import { SwError } from '../../../src/errors.js';
import { ledgerPerTest } from '../../helpers/ledger.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';

// Bug found by the kill -9 fault test: a notifier killed mid-send left its in-flight lock for the
// ledger's full 120 s, so the retried job waited two minutes to deliver the alert. The delivery
// lock is now short and renewed while the send runs.

let ledger: Ledger;
ledgerPerTest('ledger-crash', (f) => ({ ledger } = f));

function gatedChannel() {
  const sent: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const channel: Channel = {
    name: 'c',
    type: 'log',
    async deliver(alert: Alert) {
      await gate;
      sent.push(alert.id);
    },
  };
  return { channel, sent, release };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('in-flight lock after a crash (bug: a killed notifier parked the alert for 120 s)', () => {
  it('uses a 30 s delivery lock by default, not the 120 s ledger lock', async () => {
    const { channel, release } = gatedChannel();
    const alert = sampleAlert();
    const running = deliverWithLedger({ ledger, channel, alert });
    while ((await ledger.lockRemainingMs(channel.name, alert.id)) === 0) await sleep(5);
    const remaining = await ledger.lockRemainingMs(channel.name, alert.id);
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(30_000);
    release();
    expect(await running).toBe('delivered');
  });

  it('frees the alert once a crashed holder stops renewing, and the next attempt delivers', async () => {
    const alert = sampleAlert();
    // A holder that died: it took the lock the way deliverWithLedger does and never renews it.
    expect(await ledger.acquire('c', alert.id, 300)).toBeDefined();
    const { channel, sent, release } = gatedChannel();
    release();
    const blocked = await deliverWithLedger({ ledger, channel, alert, lockMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect((blocked as SwError).code).toBe('DELIVERY_TRANSIENT');
    expect((blocked as SwError).retryAfterMs).toBeLessThanOrEqual(300);
    await sleep(350);
    expect(await deliverWithLedger({ ledger, channel, alert, lockMs: 300 })).toBe('delivered');
    expect(sent).toEqual([alert.id]);
  });

  it('keeps renewing the lock while a slow send runs, so no second worker sends meanwhile', async () => {
    const { channel, sent, release } = gatedChannel();
    const alert = sampleAlert();
    const first = deliverWithLedger({ ledger, channel, alert, lockMs: 300 });
    await sleep(1000); // more than three lock lifetimes
    const second = await deliverWithLedger({ ledger, channel, alert, lockMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(SwError);
    expect((second as SwError).code).toBe('DELIVERY_TRANSIENT');
    release();
    expect(await first).toBe('delivered');
    expect(await ledger.lockRemainingMs(channel.name, alert.id)).toBe(0);
    expect(sent).toEqual([alert.id]);
  });
});

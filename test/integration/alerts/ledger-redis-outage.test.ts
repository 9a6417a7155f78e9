import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWithLedger } from '../../../src/alerts/deliver-with-ledger.js';
import { createLedger } from '../../../src/store/ledger.js';
import type { Alert, Channel } from '../../../src/alerts/types.js';
import { createRedis } from '../../../src/app/redis.js';
import { privateRedis, type PrivateRedis } from '../../faults/harness/redis.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';

// Bug found by the Redis-restart fault test: an alert sent while Redis went down could not be
// marked delivered (the producer connection fails fast), so the job's retry sent it again after
// the restart (3 webhooks and 8 e-mails twice in a 7 s outage). The mark is now retried within
// the in-flight lock's lifetime.

let server: PrivateRedis;
beforeAll(async () => {
  server = await privateRedis({ aof: true });
});
afterAll(async () => {
  await server.dispose();
});

describe('delivered mark across a Redis restart (bug: redelivered after the restart)', () => {
  it('records a send that completed while Redis was down once Redis is back', async () => {
    const redis = createRedis(server.url, 'producer');
    redis.on('error', () => undefined);
    await redis.connect();
    const ledger = createLedger({ redis, prefix: 'outage' });
    const sent: string[] = [];
    let restarted: Promise<void> = Promise.resolve();
    const channel: Channel = {
      name: 'c',
      type: 'log',
      async deliver(alert: Alert) {
        // The peer accepts the alert just as Redis goes away for a moment.
        await server.stop();
        restarted = server.restart(1500);
        sent.push(alert.id);
      },
    };
    const alert = sampleAlert();
    try {
      expect(await deliverWithLedger({ ledger, channel, alert })).toBe('delivered');
      await restarted;
      expect(await ledger.isDelivered('c', alert.id)).toBe(true);
      expect(await deliverWithLedger({ ledger, channel, alert })).toBe('already-delivered');
      expect(sent).toEqual([alert.id]);
    } finally {
      redis.disconnect();
    }
  });

  it('gives up at once when its connection was closed for a stop, leaving the job to be retried', async () => {
    const redis = createRedis(server.url, 'producer');
    redis.on('error', () => undefined);
    await redis.connect();
    const ledger = createLedger({ redis, prefix: 'stopping' });
    const channel: Channel = {
      name: 'c',
      type: 'log',
      async deliver() {
        // The daemon's stop deadline passed: it closed Redis while this send was still running.
        await redis.quit();
      },
    };
    // With a 60 s lock, retrying would outlast the test's timeout.
    const err = await deliverWithLedger({ ledger, channel, alert: sampleAlert(), lockMs: 60_000 })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(ledger.closed).toBe(true);
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createChannels } from '../../../src/alerts/channels/index.js';
import { deliverWithLedger } from '../../../src/alerts/deliver-with-ledger.js';
import { createLedger, type Ledger } from '../../../src/store/ledger.js';
import type { Alert, Channel } from '../../../src/alerts/types.js';
import { SwError } from '../../../src/errors.js';
import { testConfig } from '../../helpers/config.js';
import { ledgerPerTest } from '../../helpers/ledger.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';

let redis: Redis;
let prefix: string;
let ledger: Ledger;
ledgerPerTest('ledger', (f) => ({ redis, prefix, ledger } = f));

/** A real channel that counts what it sends; `gate` holds a send open until released. */
function countingChannel(name = 'c') {
  const sent: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const channel: Channel = {
    name,
    type: 'log',
    async deliver(alert: Alert) {
      await gate;
      sent.push(alert.id);
    },
  };
  return { channel, sent, release };
}

describe('delivery ledger', () => {
  it('delivers the same alert once per channel, even when asked twice', async () => {
    const { channel, sent, release } = countingChannel();
    release();
    const alert = sampleAlert();
    expect(await deliverWithLedger({ ledger, channel, alert })).toBe('delivered');
    expect(await deliverWithLedger({ ledger, channel, alert })).toBe('already-delivered');
    const other = countingChannel('other');
    other.release();
    expect(await deliverWithLedger({ ledger, channel: other.channel, alert })).toBe('delivered');
    expect(sent).toEqual([alert.id]);
    expect(other.sent).toEqual([alert.id]);
  });

  it('lets only one of two concurrent deliveries send; the other retries and finds it done', async () => {
    const { channel, sent, release } = countingChannel();
    const alert = sampleAlert();
    const first = deliverWithLedger({ ledger, channel, alert });
    // Wait until the first holds the lock before starting the second.
    while ((await ledger.lockRemainingMs(channel.name, alert.id)) === 0)
      await new Promise((r) => setTimeout(r, 5));
    const second = await deliverWithLedger({ ledger, channel, alert }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(SwError);
    expect((second as SwError).code).toBe('DELIVERY_TRANSIENT');
    expect((second as SwError).retryAfterMs).toBeGreaterThan(0);
    release();
    expect(await first).toBe('delivered');
    expect(await deliverWithLedger({ ledger, channel, alert })).toBe('already-delivered');
    expect(sent).toEqual([alert.id]);
  });

  it('sends each of many racing deliveries of one alert exactly once', async () => {
    const { channel, sent, release } = countingChannel();
    release();
    const alert = sampleAlert();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => deliverWithLedger({ ledger, channel, alert })),
    );
    expect(sent).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'delivered')).toHaveLength(
      1,
    );
  });

  it('records a failure, then the delivery, and lists recent alerts once each, latest first, capped', async () => {
    const small = createLedger({ redis, prefix, recentMax: 2 });
    let fail = true;
    const channel: Channel = {
      name: 'hook',
      type: 'webhook',
      deliver() {
        return fail
          ? Promise.reject(new SwError('DELIVERY_TRANSIENT', 'peer said 503'))
          : Promise.resolve();
      },
    };
    const a1 = sampleAlert({ id: 'a_1', createdAt: '2026-01-01T00:00:01Z' });
    const a2 = sampleAlert({ id: 'a_2', createdAt: '2026-01-01T00:00:02Z' });
    const a3 = sampleAlert({ id: 'a_3', createdAt: '2026-01-01T00:00:03Z' });
    expect(await small.recordAlert(a1)).toBe(true);
    expect(await small.recordAlert(a1)).toBe(false);
    await small.recordAlert(a2);
    await expect(deliverWithLedger({ ledger: small, channel, alert: a2 })).rejects.toThrow('503');
    expect((await small.recent(10))[0].deliveries.hook).toMatchObject({
      state: 'failed',
      error: 'peer said 503',
    });
    fail = false;
    expect(await deliverWithLedger({ ledger: small, channel, alert: a2 })).toBe('delivered');
    await small.recordAlert(a3);
    const recent = await small.recent(10);
    expect(recent.map((r) => r.alert.id)).toEqual(['a_3', 'a_2']);
    expect(recent[1].deliveries.hook.state).toBe('delivered');
    expect(await redis.hexists(`${prefix}:ledger:alerts`, 'a_1')).toBe(0);
    // Lookup by id (the dashboard's alert page): same record as recent() has; gone once trimmed.
    expect(await small.get('a_2')).toEqual(recent[1]);
    expect(await small.get('a_1')).toBeUndefined();
    expect(await small.get('a_none')).toBeUndefined();
  });
});

describe('log channel', () => {
  it('appends one JSON line per alert, creating the folder, and logs one pino line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sw-log-'));
    try {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
      const config = testConfig(
        { dataDir: 'state/nested', watchlists: [], channels: [{ name: 'console', type: 'log' }] },
        dir,
      );
      const channel = createChannels(config, { logger }).get('console')!;
      await channel.deliver(sampleAlert({ id: 'a_1' }));
      await channel.deliver(sampleAlert({ id: 'a_2' }));
      const file = await readFile(path.join(dir, 'state/nested/alerts.jsonl'), 'utf8');
      expect(
        file
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as Alert).id),
      ).toEqual(['a_1', 'a_2']);
      expect(lines).toHaveLength(2);
      expect(JSON.parse(lines[0])).toMatchObject({
        msg: 'alert',
        channel: 'console',
        alert: { id: 'a_1' },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

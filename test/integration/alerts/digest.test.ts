import { Redis } from 'ioredis';
import type { Job } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmailChannel } from '../../../src/alerts/channels/email.js';
import { handleDeliveryJob } from '../../../src/alerts/deliver-job.js';
import { createDigestBuffer, flushDigest } from '../../../src/alerts/digest.js';
import { createLedger } from '../../../src/store/ledger.js';
import type { DeliveryJob } from '../../../src/queues/registry.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../../helpers/redis.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';
import { startSmtp } from './peers.js';

let redis: Redis;
let prefix: string;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = randomPrefix('digest');
});
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  await deletePrefix(prefix);
});

// handleDeliveryJob reads only `data` and `attemptsMade` from the job.
const jobOf = (data: DeliveryJob) => ({ data, attemptsMade: 0 }) as unknown as Job<DeliveryJob>;

describe('e-mail digest', () => {
  it('buffers the window’s alerts once each and sends them in one e-mail; a failed flush is sent by the next', async () => {
    const smtp = await startSmtp({ user: 'u', pass: 'p', rejectFirst: 1 });
    closers.push(smtp.close);
    const channel = createEmailChannel({
      name: 'desk',
      smtp: smtp.url,
      from: 'sw@example.org',
      to: ['a@example.org'],
    });
    closers.push(() => channel.close());
    const ledger = createLedger({ redis, prefix });
    const deps = {
      ledger,
      channels: new Map([['desk', channel]]),
      digests: new Map([['desk', 900_000]]),
      digestBuffer: createDigestBuffer(redis, prefix),
    };
    const a1 = sampleAlert({ id: 'a_1', item: { ...sampleAlert().item, title: 'First <story>' } });
    const a2 = sampleAlert({ id: 'a_2', item: { ...sampleAlert().item, title: 'Second story' } });
    expect((await handleDeliveryJob(deps, jobOf({ channel: 'desk', alert: a1 }))).outcome).toBe(
      'buffered',
    );
    expect((await handleDeliveryJob(deps, jobOf({ channel: 'desk', alert: a1 }))).outcome).toBe(
      'buffered',
    );
    expect((await handleDeliveryJob(deps, jobOf({ channel: 'desk', alert: a2 }))).outcome).toBe(
      'buffered',
    );
    expect(smtp.mails).toHaveLength(0);

    await expect(flushDigest({ redis, ledger, channel })).rejects.toMatchObject({
      code: 'DELIVERY_TRANSIENT',
    });
    const a3 = sampleAlert({ id: 'a_3' });
    await handleDeliveryJob(deps, jobOf({ channel: 'desk', alert: a3 }));
    expect(await flushDigest({ redis, ledger, channel })).toEqual({ outcome: 'sent', alerts: 2 });
    expect(await flushDigest({ redis, ledger, channel })).toEqual({ outcome: 'sent', alerts: 1 });
    expect(await flushDigest({ redis, ledger, channel })).toEqual({ outcome: 'empty' });
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[0].raw).toContain('X-Sanctionwatch-Alert-Ids: a_1 a_2');
    expect(smtp.mails[0].raw).toMatch(
      /^Subject: \[sanctionwatch\] Digest: 2 alerts \(arms_transfer, un_violation\)\r?$/m,
    );
    expect(smtp.mails[1].raw).toMatch(/^Subject: \[sanctionwatch\] Digest: 1 alert \(/m);
    expect(smtp.mails[0].raw).toContain('Second story');
    expect((await handleDeliveryJob(deps, jobOf({ channel: 'desk', alert: a1 }))).outcome).toBe(
      'already-delivered',
    );
  });
});

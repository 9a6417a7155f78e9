import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { QueueNames } from '../../../src/queues/registry.js';
import { testConfig } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';
import { startSmtp } from '../alerts/peers.js';

/*
 * Regression (issue 19): alerts sent in a digest were counted `buffered` and never `delivered`
 * in sanctionwatch_deliveries_total, so a digest channel looked as if it delivered nothing.
 */
describe('a digest in /metrics', () => {
  let app: App | undefined;
  const prefix = randomPrefix('digest-metrics');
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await app?.stop(3000);
    while (closers.length) await closers.pop()!();
    await deletePrefix(prefix);
  });

  it('counts each alert of a sent digest as delivered', async () => {
    const smtp = await startSmtp({ user: 'u', pass: 'p' });
    closers.push(smtp.close);
    const config = testConfig({
      redis: { url: REDIS_URL, prefix },
      http: { enabled: false },
      channels: [
        {
          name: 'desk',
          type: 'email',
          smtp: smtp.url,
          from: 'sw@example.org',
          to: ['desk@example.org'],
          digest: '1s',
        },
      ],
    });
    app = createApp({ config, logger: pino({ level: 'silent' }), role: 'notifier' });
    await app.start();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueNames.deliverEmail, { connection: redis, prefix });
    closers.push(async () => {
      await queue.close();
      redis.disconnect();
    });
    for (const id of ['a_1', 'a_2', 'a_3'])
      await queue.add('desk', { channel: 'desk', alert: sampleAlert({ id }) });
    const end = Date.now() + 15_000;
    while (smtp.mails.length === 0 && Date.now() < end)
      await new Promise((r) => setTimeout(r, 100));
    expect(smtp.mails).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    const values = (await app.context!.metrics.deliveries.get()).values;
    const count = (outcome: string) =>
      values.find((v) => v.labels.channel === 'desk' && v.labels.outcome === outcome)?.value ?? 0;
    expect(count('buffered')).toBe(3);
    expect(count('delivered')).toBe(3);
  });
});

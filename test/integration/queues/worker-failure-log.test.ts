import { Queue, UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorker } from '../../../src/queues/factory.js';
import { QueueNames } from '../../../src/queues/registry.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

/*
 * Regression (issue 18): a delivery that failed permanently (UnrecoverableError, e.g. a webhook
 * 4xx) logged "job failed, will retry" right after "delivery failed permanently".
 */
describe('worker failure lines', () => {
  const prefix = randomPrefix('wfail');
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  afterEach(async () => {
    await deletePrefix(prefix);
  });

  it('says "for good" for an UnrecoverableError and "will retry" only when it will', async () => {
    const lines: { level: number; msg: string; attemptsMade: number }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (l: string) => void lines.push(JSON.parse(l) as (typeof lines)[number]) },
    );
    const worker = createWorker({
      name: QueueNames.lists,
      processor: (job) => {
        const data = job.data as unknown as { permanent: boolean };
        if (data.permanent) throw new UnrecoverableError('400 Bad Request');
        throw new Error('503 Service Unavailable');
      },
      connection: redis,
      prefix,
      logger,
      concurrency: 2,
    });
    const queue = new Queue(QueueNames.lists, { connection: redis, prefix });
    try {
      worker.run().catch(() => undefined);
      // The worker's 'failed' event fires on every failed attempt: three here.
      const threeFailures = new Promise<void>((resolve) => {
        let n = 0;
        worker.on('failed', () => (++n === 3 ? setImmediate(resolve) : undefined));
      });
      const opts = { attempts: 2, backoff: { type: 'fixed', delay: 10 } };
      await queue.add('refresh', { permanent: true }, opts);
      await queue.add('refresh', { permanent: false }, opts);
      await threeFailures;
      const msgs = lines.map((l) => `${l.msg} (${l.attemptsMade})`).sort();
      expect(msgs).toEqual([
        'job failed for good (1)',
        'job failed for good (2)',
        'job failed, will retry (1)',
      ]);
    } finally {
      await worker.close();
      await queue.close();
      redis.disconnect();
    }
  });
});

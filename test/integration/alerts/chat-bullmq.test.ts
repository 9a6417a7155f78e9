import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatChannel } from '../../../src/alerts/channels/chat.js';
import { handleDeliveryJob, type DeliveryJobOutcome } from '../../../src/alerts/deliver-job.js';
import { deliveryJobId } from '../../../src/alerts/route.js';
import { createLedger } from '../../../src/store/ledger.js';
import {
  deliveryQueueFor,
  jitteredBackoff,
  QueueNames,
  type DeliveryJob,
} from '../../../src/queues/registry.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../../helpers/redis.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';
import { configFor, startChatService, type Answer, type Kind } from './chat-services.js';

let prefix: string;
const closers: Array<() => Promise<unknown>> = [];

beforeEach(() => {
  prefix = randomPrefix('chat');
});
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  await deletePrefix(prefix);
});

/** One chat channel behind the notifier as the daemon runs it: the deliver-chat queue and worker. */
async function notifier(kind: Kind, script: Answer[]) {
  const svc = await startChatService(kind, script);
  closers.push(svc.close);
  const config = configFor(kind, svc.base);
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  closers.push(
    () => connection.quit(),
    () => workerConnection.quit(),
  );
  const ledger = createLedger({ redis: connection, prefix });
  const channels = new Map([[config.name, createChatChannel(config)]]);
  const queueName = deliveryQueueFor(kind);
  const queue = new Queue<DeliveryJob>(queueName, {
    connection,
    prefix,
    defaultJobOptions: { attempts: 4, backoff: { type: 'jittered', delay: 20 } },
  });
  const events = new QueueEvents(queueName, { connection: { url: REDIS_URL }, prefix });
  const worker = new Worker<DeliveryJob>(
    queueName,
    (job: Job<DeliveryJob>) => handleDeliveryJob({ ledger, channels }, job),
    {
      connection: workerConnection,
      prefix,
      // The daemon's strategy, uncapped: the wait the service asked for is what is under test.
      settings: {
        backoffStrategy: (n, _t, err) => jitteredBackoff(n, 20, err as { retryAfterMs?: number }),
      },
    },
  );
  closers.push(
    () => worker.close(),
    () => events.close(),
    () => queue.close(),
  );
  await events.waitUntilReady();
  await worker.waitUntilReady();
  return { svc, queue, events, channel: config.name };
}

async function deliverOnce(kind: Kind, script: Answer[]) {
  const { svc, queue, events, channel } = await notifier(kind, script);
  const alert = sampleAlert();
  const job = await queue.add(
    channel,
    { channel, alert },
    { jobId: deliveryJobId(alert.id, channel) },
  );
  const outcome = (await job.waitUntilFinished(events, 20_000)) as DeliveryJobOutcome;
  expect(outcome.outcome).toBe('delivered');
  expect(svc.posted).toHaveLength(1);
  expect(svc.requests.at(-1)?.problems).toEqual([]);
  return svc.requests;
}

describe('chat deliveries through BullMQ (deliver-chat)', () => {
  it('routes every chat type to the one deliver-chat queue', () => {
    for (const kind of ['slack', 'teams', 'discord', 'mattermost', 'matrix', 'telegram', 'ntfy'])
      expect(deliveryQueueFor(kind as Kind)).toBe(QueueNames.deliverChat);
  });

  it('discord: a 429 with retry_after is retried after the time asked, posted once', async () => {
    const requests = await deliverOnce('discord', [
      {
        status: 429,
        json: { message: 'You are being rate limited.', retry_after: 0.7, global: false },
        headers: { 'retry-after': '1' },
      },
    ]);
    expect(requests).toHaveLength(2);
    expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(650);
  });

  it('telegram: a 429 with parameters.retry_after is retried after the time asked', async () => {
    const requests = await deliverOnce('telegram', [
      {
        status: 429,
        json: {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        },
      },
    ]);
    expect(requests).toHaveLength(2);
    expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(950);
  });

  it.each(['slack', 'teams', 'discord', 'mattermost', 'matrix', 'telegram', 'ntfy'] as Kind[])(
    '%s: a 503 with Retry-After is retried after it, the message arrives once',
    async (kind) => {
      const requests = await deliverOnce(kind, [
        { status: 503, json: { error: 'unavailable' }, headers: { 'retry-after': '1' } },
      ]);
      expect(requests).toHaveLength(2);
      expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(950);
    },
  );

  it('matrix: a retry after a lost answer reuses the transaction id, posted once', async () => {
    // The homeserver took the event but the answer was lost (502 from a proxy in front of it).
    const { svc, queue, events, channel } = await notifier('matrix', []);
    const alert = sampleAlert();
    const first = createChatChannel(configFor('matrix', svc.base));
    await first.deliver(alert);
    const job = await queue.add(
      channel,
      { channel, alert },
      { jobId: deliveryJobId(alert.id, channel) },
    );
    await job.waitUntilFinished(events, 20_000);
    expect(svc.requests.map((r) => r.path)).toEqual([svc.requests[0].path, svc.requests[0].path]);
    expect(svc.posted).toHaveLength(1);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookChannel } from '../../../src/alerts/channels/webhook.js';
import { handleDeliveryJob, type DeliveryJobOutcome } from '../../../src/alerts/deliver-job.js';
import { listFailed, openDeliveryQueues } from '../../../src/alerts/failed-jobs.js';
import { closeQueues } from '../../../src/queues/factory.js';
import { createLedger } from '../../../src/store/ledger.js';
import { deliveryJobId } from '../../../src/alerts/route.js';
import { Command } from 'commander';
import { registerAlerts } from '../../../src/cli/commands/alerts.js';
import { jitteredBackoff, QueueNames, type DeliveryJob } from '../../../src/queues/registry.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../../helpers/redis.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';
import { startReceiver } from './peers.js';

let prefix: string;
let dir: string;
const closers: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  prefix = randomPrefix('deliver');
  dir = await mkdtemp(path.join(tmpdir(), 'sw-alerts-'));
});
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  await deletePrefix(prefix);
  await rm(dir, { recursive: true, force: true });
});

/** A webhook notifier as the daemon runs it: a real queue and worker calling handleDeliveryJob. */
async function notifier(statuses: number[]) {
  const rx = await startReceiver('s3cret', statuses);
  closers.push(rx.close);
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  closers.push(() => connection.quit());
  const ledger = createLedger({ redis: connection, prefix });
  const channel = createWebhookChannel({
    name: 'siem',
    url: rx.url,
    secret: 's3cret',
    timeoutMs: 5000,
  });
  const queue = new Queue<DeliveryJob>(QueueNames.deliverWebhook, {
    connection,
    prefix,
    defaultJobOptions: { attempts: 5, backoff: { type: 'jittered', delay: 20 } },
  });
  const events = new QueueEvents(QueueNames.deliverWebhook, {
    connection: { url: REDIS_URL },
    prefix,
  });
  const worker = new Worker<DeliveryJob>(
    QueueNames.deliverWebhook,
    (job: Job<DeliveryJob>) =>
      handleDeliveryJob({ ledger, channels: new Map([['siem', channel]]) }, job),
    {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix,
      // Retry-After is honoured through the error's retryAfterMs; capped here to keep the test short.
      settings: {
        backoffStrategy: (n, _t, err) =>
          Math.min(200, jitteredBackoff(n, 20, err as { retryAfterMs?: number })),
      },
    },
  );
  closers.push(
    () => queue.close(),
    () => events.close(),
    () => worker.close(),
  );
  await events.waitUntilReady();
  return { rx, queue, events, worker };
}

async function cli(args: string[]): Promise<{ out: string; code: number }> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  const previous = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  try {
    // Only the alerts command: the rest of the CLI is not under test here.
    const program = new Command('sanctionwatch').option('--verbose').exitOverride();
    registerAlerts(program);
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = original;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = previous;
  return { out: chunks.join(''), code };
}

describe('webhook deliveries through BullMQ', () => {
  it('retries 503, 503 and delivers on 204; a second job for the same alert sends nothing', async () => {
    const { rx, queue, events } = await notifier([503, 503]);
    const alert = sampleAlert();
    const job = await queue.add(
      'siem',
      { channel: 'siem', alert },
      { jobId: deliveryJobId(alert.id, 'siem') },
    );
    expect((await job.waitUntilFinished(events, 20_000)) as DeliveryJobOutcome).toEqual({
      outcome: 'delivered',
      alertId: alert.id,
      channel: 'siem',
    });
    expect(rx.received).toHaveLength(3);
    expect(
      rx.received.every(
        (r) => r.signatureValid && r.headers['x-sanctionwatch-alert-id'] === alert.id,
      ),
    ).toBe(true);

    // As after BullMQ cleaned the first job up, or a restarted daemon re-enqueued it.
    await job.remove();
    const again = await queue.add(
      'siem',
      { channel: 'siem', alert },
      { jobId: deliveryJobId(alert.id, 'siem') },
    );
    expect(((await again.waitUntilFinished(events, 20_000)) as DeliveryJobOutcome).outcome).toBe(
      'already-delivered',
    );
    expect(rx.received).toHaveLength(3);
  });

  it('fails a 400 at once, lists it with `alerts failed`, delivers it after `alerts retry`', async () => {
    const { rx, queue, events } = await notifier([400]);
    const alert = sampleAlert({ item: { ...sampleAlert().item, title: 'Rejected once' } });
    const job = await queue.add(
      'siem',
      { channel: 'siem', alert },
      { jobId: deliveryJobId(alert.id, 'siem') },
    );
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow('answered 400');
    expect(rx.received).toHaveLength(1);

    const admin = new Redis(REDIS_URL);
    const queues = openDeliveryQueues(admin, prefix);
    closers.push(async () => {
      await closeQueues(queues);
      await admin.quit();
    });
    const failed = await listFailed(queues, 10);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      alertId: alert.id,
      channel: 'siem',
      title: 'Rejected once',
      attempts: 1,
      jobId: job.id,
    });

    const configFile = path.join(dir, 'sanctionwatch.yaml');
    await writeFile(
      configFile,
      `redis: { url: "${REDIS_URL}", prefix: "${prefix}" }\nwatchlists: []\n`,
    );
    const listed = await cli(['alerts', 'failed', '--config', configFile]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(alert.id);
    expect(listed.out).toContain('siem');
    expect(listed.out).toContain('answered 400');

    const done = new Promise<void>((resolve) =>
      events.on('completed', ({ jobId }) => jobId === job.id && resolve()),
    );
    const retried = await cli(['alerts', 'retry', alert.id, '--config', configFile]);
    expect(retried).toMatchObject({ code: 0 });
    expect(retried.out).toContain(`re-queued ${alert.id} on siem`);
    await done;
    expect(rx.received).toHaveLength(2);
    expect((await cli(['alerts', 'failed', '--config', configFile])).out).toBe(
      'no failed deliveries\n',
    );
    const recent = await cli(['alerts', 'recent', '--config', configFile, '--format', 'jsonl']);
    const rows = recent.out
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { alert: { id: string }; deliveries: Record<string, { state: string }> },
      );
    expect(rows.map((r) => [r.alert.id, r.deliveries.siem?.state])).toEqual([
      [alert.id, 'delivered'],
    ]);
    expect((await cli(['alerts', 'retry', 'a_nothing', '--config', configFile])).code).toBe(2);
  });
  it('re-queues every failed delivery with `alerts retry --all`', async () => {
    const { rx, queue, events } = await notifier([400, 400]);
    const alerts = [sampleAlert({ id: 'a_one' }), sampleAlert({ id: 'a_two' })];
    const jobs = await Promise.all(
      alerts.map((alert) =>
        queue.add('siem', { channel: 'siem', alert }, { jobId: deliveryJobId(alert.id, 'siem') }),
      ),
    );
    for (const job of jobs)
      await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow('answered 400');
    const configFile = path.join(dir, 'sanctionwatch.yaml');
    await writeFile(
      configFile,
      `redis: { url: "${REDIS_URL}", prefix: "${prefix}" }\nwatchlists: []\n`,
    );
    const completed = new Set<string>();
    const done = new Promise<void>((resolve) =>
      events.on('completed', ({ jobId }) => {
        completed.add(jobId);
        if (completed.size === 2) resolve();
      }),
    );
    expect(await cli(['alerts', 'retry', '--all', '--config', configFile])).toEqual({
      out: 're-queued 2 failed deliveries\n',
      code: 0,
    });
    await done;
    expect(rx.received.map((r) => r.headers['x-sanctionwatch-alert-id']).sort()).toEqual([
      'a_one',
      'a_one',
      'a_two',
      'a_two',
    ]);
  });
});

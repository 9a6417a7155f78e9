import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { SwError } from '../errors.js';
import { DELIVERY_QUEUES, type DeliveryJob } from '../queues/registry.js';

/** A delivery job that ran out of attempts or failed permanently. */
export interface FailedDelivery {
  jobId: string;
  queue: string;
  alertId: string;
  channel: string;
  title: string;
  attempts: number;
  error: string;
  /** ISO time of the last failure. */
  failedAt?: string;
}

/** Queue objects for every deliver-* queue, sharing one connection (closed by the caller). */
export function openDeliveryQueues(connection: Redis, prefix: string): Queue<DeliveryJob>[] {
  return DELIVERY_QUEUES.map((name) => new Queue<DeliveryJob>(name, { connection, prefix }));
}

function describe(queue: Queue, job: Job<DeliveryJob>): FailedDelivery {
  return {
    jobId: job.id ?? '',
    queue: queue.name,
    alertId: job.data?.alert?.id ?? '',
    channel: job.data?.channel ?? '',
    title: job.data?.alert?.item?.title ?? '',
    attempts: job.attemptsMade,
    error: job.failedReason ?? '',
    ...(job.finishedOn ? { failedAt: new Date(job.finishedOn).toISOString() } : {}),
  };
}

/** Failed deliveries of every queue, latest first. */
export async function listFailed(
  queues: readonly Queue<DeliveryJob>[],
  limit: number,
): Promise<FailedDelivery[]> {
  const rows: FailedDelivery[] = [];
  for (const queue of queues) {
    const jobs = await queue.getFailed(0, Math.max(0, limit - 1));
    for (const job of jobs) if (job) rows.push(describe(queue, job as Job<DeliveryJob>));
  }
  rows.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''));
  return rows.slice(0, limit);
}

async function requeue(job: Job<DeliveryJob>): Promise<void> {
  // A fresh set of attempts: the operator retries because the cause is fixed.
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
}

/**
 * Re-queues failed deliveries: the job with this id, or every failed delivery of the alert with
 * this id. Throws USAGE when nothing failed matches.
 */
export async function retryFailed(
  queues: readonly Queue<DeliveryJob>[],
  id: string,
): Promise<FailedDelivery[]> {
  const done: FailedDelivery[] = [];
  for (const queue of queues) {
    const job = (await queue.getJob(id)) as Job<DeliveryJob> | undefined;
    if (job && (await job.isFailed())) {
      await requeue(job);
      done.push(describe(queue, job));
    }
  }
  if (done.length > 0) return done;
  for (const queue of queues) {
    const total = await queue.getFailedCount();
    for (let start = 0; start < total; start += 200) {
      const jobs = (await queue.getFailed(start, start + 199)) as Job<DeliveryJob>[];
      for (const job of jobs) {
        if (job?.data?.alert?.id === id) {
          done.push(describe(queue, job));
        }
      }
    }
  }
  for (const row of done) {
    const queue = queues.find((q) => q.name === row.queue)!;
    const job = (await queue.getJob(row.jobId)) as Job<DeliveryJob> | undefined;
    if (job) await requeue(job);
  }
  if (done.length === 0)
    throw new SwError('USAGE', `no failed delivery with job or alert id ${id}`);
  return done;
}

/** Re-queues every failed delivery; returns how many. */
export async function retryAllFailed(queues: readonly Queue<DeliveryJob>[]): Promise<number> {
  let count = 0;
  for (const queue of queues) {
    for (;;) {
      const jobs = ((await queue.getFailed(0, 199)) as Job<DeliveryJob>[]).filter(Boolean);
      if (jobs.length === 0) break;
      let moved = 0;
      for (const job of jobs) {
        try {
          await requeue(job);
          moved += 1;
        } catch {
          // Another process retried or removed it in the meantime.
        }
      }
      count += moved;
      if (moved === 0) break;
    }
  }
  return count;
}

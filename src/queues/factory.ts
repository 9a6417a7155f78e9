import { Queue, Worker, type MinimalJob, type Processor, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  EVENTS_MAX_LEN,
  JOB_STATES,
  MAX_STALLED_COUNT,
  QueueNames,
  STALLED_CHECK_MS,
  WORKER_LOCK_MS,
  defaultJobOptions,
  jitteredBackoff,
  type JobTypes,
  type QueueName,
} from './registry.js';

export type Queues = { [K in QueueName]: Queue<JobTypes[K]> };

/** Creates one producer Queue per registered queue, sharing one connection. */
export function createQueues(connection: Redis, prefix: string, logger: Logger): Queues {
  const make = <K extends QueueName>(name: K): Queue<JobTypes[K]> => {
    const q = new Queue<JobTypes[K]>(name, {
      connection,
      prefix,
      defaultJobOptions: defaultJobOptions[name],
      streams: { events: { maxLen: EVENTS_MAX_LEN } },
    });
    q.on('error', (err) => logger.error({ err, queue: name }, 'queue error'));
    return q;
  };
  return {
    poll: make(QueueNames.poll),
    match: make(QueueNames.match),
    'deliver-log': make(QueueNames.deliverLog),
    'deliver-email': make(QueueNames.deliverEmail),
    'deliver-webhook': make(QueueNames.deliverWebhook),
    'deliver-chat': make(QueueNames.deliverChat),
    lists: make(QueueNames.lists),
  };
}

/** Job counts per queue name and state ({@link JOB_STATES}), for metrics, dashboard and tests. */
export async function jobCounts(
  queues: readonly Queue[],
): Promise<Record<string, Record<string, number>>> {
  const counts = await Promise.all(queues.map((q) => q.getJobCounts(...JOB_STATES)));
  return Object.fromEntries(queues.map((q, i) => [q.name, counts[i]]));
}

/** Closes every queue of the registry, or of a list; one failing does not keep the others open. */
export async function closeQueues(queues: Queues | readonly Queue[]): Promise<void> {
  const list: readonly Queue[] = Array.isArray(queues) ? queues : Object.values(queues as Queues);
  await Promise.allSettled(list.map((q) => q.close()));
}

export interface WorkerSpec<K extends QueueName> {
  name: K;
  processor: Processor<JobTypes[K]>;
  connection: Redis;
  prefix: string;
  logger: Logger;
  concurrency: number;
  options?: Partial<WorkerOptions>;
  /**
   * Receives the worker's error events instead of the log (the app rate-limits them and pauses
   * workers while Redis refuses writes). @defaultValue one error line per event
   */
  onError?: (err: Error) => void;
}

/** A worker with the `jittered` backoff strategy and listeners on every event that can fail. */
export function createWorker<K extends QueueName>(spec: WorkerSpec<K>): Worker<JobTypes[K]> {
  const worker = new Worker<JobTypes[K]>(spec.name, spec.processor, {
    connection: spec.connection,
    prefix: spec.prefix,
    concurrency: spec.concurrency,
    autorun: false,
    lockDuration: WORKER_LOCK_MS,
    stalledInterval: STALLED_CHECK_MS,
    maxStalledCount: MAX_STALLED_COUNT,
    settings: {
      backoffStrategy: (attemptsMade, _type, err, job) =>
        jitteredBackoff(
          attemptsMade,
          backoffDelay(job),
          err as { retryAfterMs?: number } | undefined,
        ),
    },
    ...spec.options,
  });
  const log = spec.logger.child({ queue: spec.name });
  worker.on('error', spec.onError ?? ((err) => log.error({ err }, 'worker error')));
  worker.on('failed', (job, err) => {
    if (!job) return;
    // An UnrecoverableError is not retried whatever attempts are left (BullMQ moves the job to
    // failed at once), so saying "will retry" after it would mislead.
    const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    log[final ? 'error' : 'warn'](
      {
        jobId: job.id,
        attemptsMade: job.attemptsMade,
        err: { message: err.message, name: err.name },
      },
      final ? 'job failed for good' : 'job failed, will retry',
    );
  });
  worker.on('stalled', (jobId) => log.warn({ jobId }, 'job stalled, it will be retried'));
  return worker;
}

function backoffDelay(job: MinimalJob | undefined): number {
  const b = job?.opts.backoff;
  if (b && typeof b === 'object' && typeof b.delay === 'number') return b.delay;
  return 1000;
}

import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createWorker } from '../queues/factory.js';
import { DELIVERY_QUEUES, QueueNames } from '../queues/registry.js';
import { runs, type AppContext, type Role } from './context.js';
import type { Lifecycle } from './lifecycle.js';
import { withDeadline } from './lifecycle.js';
import type { MatcherPool } from './matcher-pool.js';
import type { Keeper } from './keeper.js';
import { makeDeliveryProcessor } from './processors/deliver.js';
import { makeListsProcessor } from './processors/lists.js';
import { makeMatchProcessor } from './processors/match.js';
import { makePollProcessor } from './processors/poll.js';

export interface WorkerWiring {
  context: AppContext;
  role: Role;
  connection: Redis;
  /** Present when the role polls or matches. */
  pool: MatcherPool | undefined;
  lifecycle: Lifecycle;
  /** The poller's keeper (data-loss guard, poll bookkeeping); present when the role polls. */
  keeper?: Keeper;
  /** Aborts in-flight fetches when the stop deadline passes, so their jobs can be let go. */
  abortInFlight?: () => void;
  /** Where worker errors go (see {@link WriteGuard}). @defaultValue the log */
  onWorkerError?: (queue: string, err: Error) => void;
}

/**
 * Creates the BullMQ workers of a role, starts them and waits until each is ready. Their stop,
 * registered here, lets active jobs finish until the deadline, then forces the close: the jobs'
 * locks lapse and they are retried as stalled jobs.
 */
export async function startWorkers(w: WorkerWiring): Promise<Worker[]> {
  const { context: ctx, role, pool } = w;
  const { config, logger } = ctx;
  const common = { connection: w.connection, prefix: config.redis.prefix, logger };
  const onError = (name: string) =>
    w.onWorkerError ? { onError: (err: Error) => w.onWorkerError!(name, err) } : {};
  const workers: Worker[] = [];
  if (runs(role, 'notifier')) {
    const deliver = makeDeliveryProcessor(ctx);
    // Registered before the workers, so it runs after them: channels close once nothing sends.
    w.lifecycle.onStop('channels', () => deliver.close());
    for (const name of DELIVERY_QUEUES) {
      workers.push(
        createWorker({
          ...common,
          ...onError(name),
          name,
          processor: deliver.processor,
          concurrency: config.notifier.concurrency,
        }),
      );
    }
  }
  if (runs(role, 'poller')) {
    // One process running both roles matches a poll's new items in the poll itself: the items
    // skip a queue hop (a job write and read of every item's text) on their way.
    const inline = runs(role, 'matcher') && config.matcher.inline && pool;
    workers.push(
      createWorker({
        ...common,
        ...onError(QueueNames.poll),
        name: QueueNames.poll,
        processor: makePollProcessor(ctx, pool, Boolean(inline), w.keeper),
        concurrency: config.poller.concurrency,
      }),
    );
    if (config.lists.length > 0) {
      workers.push(
        createWorker({
          ...common,
          ...onError(QueueNames.lists),
          name: QueueNames.lists,
          processor: makeListsProcessor(ctx),
          concurrency: 1,
        }),
      );
    }
  }
  if (runs(role, 'matcher') && pool) {
    workers.push(
      createWorker({
        ...common,
        ...onError(QueueNames.match),
        name: QueueNames.match,
        processor: makeMatchProcessor(ctx, pool),
        concurrency: config.matcher.concurrency,
      }),
    );
  }
  w.lifecycle.onStop('workers', async (left) => {
    try {
      await withDeadline(Promise.all(workers.map((x) => x.close())), left(), 'workers');
    } catch {
      logger.warn('active jobs did not finish before the deadline; they will be retried');
      w.abortInFlight?.();
      await Promise.allSettled(workers.map((x) => x.close(true)));
    }
  });
  for (const x of workers)
    void x.run().catch((err: unknown) => logger.error({ err }, 'worker stopped'));
  await Promise.all(workers.map((x) => x.waitUntilReady()));
  return workers;
}

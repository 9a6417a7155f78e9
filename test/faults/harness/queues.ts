import { Queue } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { jobCounts } from '../../../src/queues/factory.js';
import { DELIVERY_QUEUES, QueueNames, type QueueName } from '../../../src/queues/registry.js';

/** Job counts per queue and state. */
export type QueueCounts = Record<QueueName, Record<string, number>>;

/**
 * Reads every sanctionwatch queue's job counts under `prefix` (one short-lived connection; with
 * `cluster`, a cluster client seeded by `redisUrl`).
 */
export async function queueCounts(
  redisUrl: string,
  prefix: string,
  cluster = false,
): Promise<QueueCounts> {
  const connection = cluster
    ? new Cluster([redisUrl], { lazyConnect: true, redisOptions: { maxRetriesPerRequest: 1 } })
    : new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  connection.on('error', () => undefined);
  await connection.connect();
  const queues = Object.values(QueueNames).map((name) => new Queue(name, { connection, prefix }));
  try {
    return (await jobCounts(queues)) as QueueCounts;
  } finally {
    await Promise.allSettled(queues.map((q) => q.close()));
    connection.disconnect();
  }
}

/** Sum of `states` over the delivery queues (e.g. failed deliveries). */
export function deliveryJobs(counts: QueueCounts, ...states: string[]): number {
  let n = 0;
  for (const q of DELIVERY_QUEUES) for (const s of states) n += counts[q][s] ?? 0;
  return n;
}

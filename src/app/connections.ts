import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Lifecycle } from './lifecycle.js';
import { withDeadline } from './lifecycle.js';
import { connectRedis, createRedis, evictionPolicyProblem, persistenceProblem } from './redis.js';

/** The daemon's three Redis connections, each with its own job. */
export interface Connections {
  /** Fails fast: reads and writes outside workers (stats, ledger, dashboard, readiness). */
  producer: Redis;
  /** Blocks and waits out outages: BullMQ workers. */
  worker: Redis;
  /**
   * BullMQ queues. Their own connection because BullMQ defines its scripts on the connection it
   * is given, and ioredis copies every defined script onto each pipeline built from it: the app's
   * own per-poll pipelines would carry them all.
   */
  queue: Redis;
}

/** Opens and pings the connections, registering their close; throws REDIS_UNREACHABLE. */
export async function openConnections(
  config: Config,
  logger: Logger,
  lifecycle: Lifecycle,
  timeoutMs: number,
  warnWithoutPersistence = true,
): Promise<Connections> {
  const { url, cluster } = config.redis;
  const conns: Connections = {
    producer: createRedis(url, 'producer', cluster),
    worker: createRedis(url, 'worker', cluster),
    queue: createRedis(url, 'producer', cluster),
  };
  for (const [name, conn] of Object.entries(conns) as [string, Redis][]) {
    conn.on('error', (err: Error) =>
      logger.debug({ err: err.message }, `redis (${name}) connection error`),
    );
  }
  lifecycle.onStop('redis', async (left) => {
    for (const conn of [conns.worker, conns.queue, conns.producer]) {
      await withDeadline(conn.quit(), Math.min(1000, left()), 'redis').catch(() =>
        conn.disconnect(),
      );
    }
  });
  for (const conn of [conns.producer, conns.worker, conns.queue])
    await connectRedis(conn, config.redis.url, timeoutMs);
  const policy = await evictionPolicyProblem(conns.producer);
  if (policy) {
    logger.warn(
      { policy },
      `Redis maxmemory-policy is "${policy}": set it to "noeviction" or Redis may drop queued jobs`,
    );
  }
  const persistence = warnWithoutPersistence ? await persistenceProblem(conns.producer) : undefined;
  if (persistence) logger.warn({ appendonly: 'no' }, persistence);
  return conns;
}

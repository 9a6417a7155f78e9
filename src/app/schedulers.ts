import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { PollJob } from '../queues/registry.js';

const FEED_SCHEDULER = 'feed.';

export function feedSchedulerId(feed: string): string {
  return `${FEED_SCHEDULER}${feed}`;
}

/**
 * A stable per-feed offset within its interval, so feeds sharing an interval do not all poll
 * at the same instant (jitter that survives restarts).
 */
export function feedOffset(feed: string, intervalMs: number): number {
  const h = createHash('sha1').update(feed).digest().readUInt32BE(0);
  return h % Math.max(1, Math.floor(intervalMs / 2));
}

/**
 * Makes the poll queue's Job Schedulers match the config: one per enabled feed, and none for
 * feeds that left it. Safe to run from several pollers at once (upserts are idempotent).
 */
export async function reconcileSchedulers(
  queue: Queue<PollJob>,
  config: Config,
  logger: Logger,
): Promise<void> {
  const wanted = new Set<string>();
  for (const feed of config.feeds) {
    if (!feed.enabled) continue;
    const id = feedSchedulerId(feed.name);
    wanted.add(id);
    await queue.upsertJobScheduler(
      id,
      { every: feed.interval, offset: feedOffset(feed.name, feed.interval) },
      { name: 'poll', data: { feed: feed.name } },
    );
  }
  const existing = await queue.getJobSchedulers(0, -1);
  for (const s of existing) {
    if (s.key.startsWith(FEED_SCHEDULER) && !wanted.has(s.key)) {
      await queue.removeJobScheduler(s.key);
      logger.info({ scheduler: s.key }, 'removed the schedule of a feed that left the config');
    }
  }
}

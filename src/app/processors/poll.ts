import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import { pollFeed } from '../../feeds/poll.js';
import type { FeedItem } from '../../feeds/types.js';
import { safeJobId, type PollJob } from '../../queues/registry.js';
import type { AppContext } from '../context.js';

export type PollProcessOutcome =
  { status: 'unknown-feed' | 'locked' } | { status: string; enqueued: number; seenOld: number };

/** The match job id of a story: the same story from two feeds or two polls is one job. */
export function matchJobId(item: FeedItem): string {
  const story = item.link ?? item.key;
  return safeJobId('item', createHash('sha256').update(story).digest('hex').slice(0, 32));
}

/**
 * Polls one feed and hands its new items to the matcher in one bulk add. Feed failures are
 * outcomes (the feed's own backoff handles them), so a poll job never retries.
 */
export function makePollProcessor(ctx: AppContext) {
  const feeds = new Map(ctx.config.feeds.map((f) => [f.name, f]));
  const lockKey = (feed: string) => `${ctx.config.redis.prefix}:feedlock:${feed}`;
  return async (job: Job<PollJob>): Promise<PollProcessOutcome> => {
    const feed = feeds.get(job.data.feed);
    if (!feed) return { status: 'unknown-feed' };
    // Two pollers must never poll one feed at once: the lock outlives the longest fetch.
    const token = `${process.pid}.${job.id ?? ''}.${Date.now()}`;
    const ttl = ctx.config.poller.timeout + ctx.config.poller.connectTimeout + 30_000;
    const got = await ctx.redis.set(lockKey(feed.name), token, 'PX', ttl, 'NX');
    if (got !== 'OK') return { status: 'locked' };
    try {
      const polledAt = ctx.clock.now();
      const outcome = await pollFeed({
        redis: ctx.redis,
        prefix: ctx.config.redis.prefix,
        feed,
        defaults: {
          maxItemAge: ctx.config.maxItemAge,
          maxBytes: ctx.config.poller.maxBytes,
          timeout: ctx.config.poller.timeout,
          connectTimeout: ctx.config.poller.connectTimeout,
          contact: ctx.config.poller.contact,
          maxBackoff: ctx.config.poller.maxBackoff,
        },
        clock: ctx.clock,
        logger: ctx.logger,
        handOff: async (items) => {
          if (items.length === 0) return;
          await ctx.queues.match.addBulk(
            items.map((item) => ({
              name: 'item',
              data: { feed: feed.name, item, polledAt },
              opts: { jobId: matchJobId(item) },
            })),
          );
        },
      });
      ctx.metrics.feedPolls.inc({ feed: feed.name, outcome: outcome.status });
      if (outcome.items.length)
        ctx.metrics.feedItems.inc({ feed: feed.name }, outcome.items.length);
      if (outcome.error) ctx.metrics.feedErrors.inc({ feed: feed.name, code: outcome.error.code });
      return { status: outcome.status, enqueued: outcome.items.length, seenOld: outcome.seenOld };
    } finally {
      // Release only our own lock.
      await ctx.redis.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
        1,
        lockKey(feed.name),
        token,
      );
    }
  };
}

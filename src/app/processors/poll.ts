import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import { pollFeed, type PollStatus } from '../../feeds/poll.js';
import { storyKey } from '../../feeds/normalise.js';
import { FEED_LOCK_MS, withFeedLockAndState } from '../../store/feed-state.js';
import { SwError } from '../../errors.js';
import type { FeedItem } from '../../feeds/types.js';
import { MATCH_BATCH, safeJobId, type PollJob } from '../../queues/registry.js';
import type { AppContext } from '../context.js';
import type { MatchBatch, MatchOutcome } from './match.js';
import type { MatcherPool } from '../matcher-pool.js';
import { queuePollStats, recordPollStats } from '../../store/stats.js';

export type PollProcessOutcome =
  { status: 'unknown-feed' | 'locked' } | { status: string; enqueued: number; seenOld: number };

/**
 * The match job id of a batch of stories, from their story keys: the same batch offered again
 * (a poll re-offering items after a failure before marking them seen) is one job.
 */
export function matchJobId(items: readonly FeedItem[]): string {
  const h = createHash('sha256');
  for (const item of items) h.update(storyKey(item)).update('\n');
  return safeJobId('items', h.digest('hex').slice(0, 32));
}

/** The poll's new items as match jobs of at most {@link MATCH_BATCH} items. */
export function matchJobs(feed: string, items: readonly FeedItem[], polledAt: number) {
  const jobs = [];
  for (let i = 0; i < items.length; i += MATCH_BATCH) {
    const batch = items.slice(i, i + MATCH_BATCH);
    jobs.push({
      name: 'items',
      data: { feed, items: batch, polledAt },
      opts: { jobId: matchJobId(batch) },
    });
  }
  return jobs;
}

/**
 * Polls one feed and hands its new items to the matcher in one bulk add of batched jobs, or, with
 * `matchInline` (this process also runs the matcher), matches them itself before marking them
 * seen. Feed failures are outcomes (the feed's own backoff handles them); a poll job throws, and
 * is retried, only when Redis or the matcher failed, because its items are not marked seen then.
 */
export function makePollProcessor(
  ctx: AppContext,
  offload?: Pick<MatcherPool, 'parse'>,
  matchInline?: (batch: MatchBatch) => Promise<MatchOutcome>,
) {
  const feeds = new Map(ctx.config.feeds.map((f) => [f.name, f]));
  const { poller, redis, maxItemAge } = ctx.config;
  const defaults = {
    maxItemAge,
    maxBytes: poller.maxBytes,
    timeout: poller.timeout,
    connectTimeout: poller.connectTimeout,
    contact: poller.contact,
    maxBackoff: poller.maxBackoff,
  };
  return async (job: Job<PollJob>): Promise<PollProcessOutcome> => {
    const feed = feeds.get(job.data.feed);
    if (!feed) return { status: 'unknown-feed' };
    const polledAt = ctx.clock.now();
    let statsQueued = false;
    // Renewed while the poll runs, so two pollers never poll one feed at once however long the
    // fetch takes, and short, so a crashed poller's feeds are free again soon.
    const locked = await withFeedLockAndState(
      ctx.redis,
      redis.prefix,
      feed.name,
      FEED_LOCK_MS,
      (held) =>
        pollFeed({
          redis: ctx.redis,
          prefix: redis.prefix,
          feed,
          defaults,
          clock: ctx.clock,
          logger: ctx.logger,
          state: held.state,
          ...(offload ? { parse: offload.parse } : {}),
          handOff: async (items) => {
            if (items.length === 0) return;
            if (matchInline) await matchInline({ feed: feed.name, items, polledAt });
            else await ctx.queues.match.addBulk(matchJobs(feed.name, items, polledAt));
          },
          // The state save, the stats and the lock's release in one round trip.
          finalise: (pipeline, out) => {
            held.queueRelease(pipeline);
            statsQueued = true;
            return queuePollStats(ctx, pipeline, feed.name, out.status, out.items.length);
          },
        }),
    );
    if (!locked.held) {
      // Another poller has it. On a retry the holder is more likely this job's own failed attempt
      // (its release did not reach Redis): try again once the lock lapses, or its items would
      // wait for the next scheduled poll.
      if (job.attemptsMade > 0) {
        throw new SwError('FEED_LOCKED', `feed ${feed.name}: poll lock still held`, {
          retryAfterMs: locked.remainingMs,
        });
      }
      return { status: 'locked' };
    }
    const outcome = locked.value;
    if (!statsQueued) await recordPollStats(ctx, feed.name, outcome.status, outcome.items.length);
    const m = ctx.metrics;
    m.feedPolls.inc({ feed: feed.name, outcome: outcome.status });
    if (outcome.items.length) m.feedItems.inc({ feed: feed.name }, outcome.items.length);
    if (outcome.error) m.feedErrors.inc({ feed: feed.name, code: outcome.error.code });
    if (outcome.consecutiveFailures !== undefined) {
      m.feedConsecutiveFailures.set({ feed: feed.name }, outcome.consecutiveFailures);
    } else if (SUCCESS.has(outcome.status)) {
      m.feedConsecutiveFailures.set({ feed: feed.name }, 0);
    }
    return { status: outcome.status, enqueued: outcome.items.length, seenOld: outcome.seenOld };
  };
}

const SUCCESS: ReadonlySet<PollStatus> = new Set<PollStatus>([
  'new-items',
  'not-modified',
  'no-new',
]);

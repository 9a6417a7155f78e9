import type { Job } from 'bullmq';
import { SwError } from '../../errors.js';
import { POLL_SUCCESS } from '../../feeds/poll-state.js';
import { pollFeed, type PollDeps, type PollOutcome } from '../../pipeline/poll.js';
import type { PollJob } from '../../queues/registry.js';
import type { AppContext } from '../context.js';
import type { MatcherPool } from '../matcher-pool.js';
import type { Keeper } from '../keeper.js';
import { matchDeps, reportMatch } from './match.js';

export type PollProcessOutcome =
  { status: 'unknown-feed' | 'locked' } | { status: string; enqueued: number; seenOld: number };

/**
 * The poll queue's processor: runs {@link pollFeed} for the job's feed and reports its outcome
 * (metrics, logs). With `matchInline` (this process also runs the matcher) the poll matches its
 * new items itself instead of queueing them. Feed failures are outcomes (the feed's backoff
 * handles them); the job throws, and is retried, only when Redis or the matcher failed.
 */
export function makePollProcessor(
  ctx: AppContext,
  pool: MatcherPool | undefined,
  matchInline: boolean,
  keeper?: Pick<Keeper, 'notePoll' | 'resyncBefore'>,
) {
  const feeds = new Map(ctx.config.feeds.map((f) => [f.name, f]));
  const { poller, redis, maxItemAge } = ctx.config;
  const deps: PollDeps = {
    redis: ctx.redis,
    prefix: redis.prefix,
    clock: ctx.clock,
    logger: ctx.logger,
    ...(pool ? { parse: (body, options) => pool.parse(body, options) } : {}),
    defaults: {
      maxItemAge,
      maxBytes: poller.maxBytes,
      timeout: poller.timeout,
      connectTimeout: poller.connectTimeout,
      contact: poller.contact,
      maxBackoff: poller.maxBackoff,
      fetchPolicy: {
        allowPrivateNetworks: poller.allowPrivateNetworks,
        ownPorts: ctx.config.http.enabled ? [ctx.config.http.port] : [],
      },
    },
    signal: ctx.stopping,
    ...(keeper ? { resyncBefore: () => keeper.resyncBefore() } : {}),
    next: matchInline && pool ? { match: matchDeps(ctx, pool) } : { queue: ctx.queues.match },
  };
  return async (job: Job<PollJob>): Promise<PollProcessOutcome> => {
    const feed = feeds.get(job.data.feed);
    if (!feed) return { status: 'unknown-feed' };
    const outcome = await pollFeed(deps, feed);
    if (outcome.status === 'locked') {
      // Another poller has it. On a retry the holder is more likely this job's own failed attempt
      // (its release did not reach Redis): try again once the lock lapses, or its items would
      // wait for the next scheduled poll.
      if (job.attemptsMade > 0) {
        throw new SwError('FEED_LOCKED', `feed ${feed.name}: poll lock still held`, {
          retryAfterMs: outcome.lockedForMs,
        });
      }
      return { status: 'locked' };
    }
    reportPoll(ctx, feed.name, outcome);
    if (POLL_SUCCESS.has(outcome.status)) keeper?.notePoll(ctx.clock.now());
    return { status: outcome.status, enqueued: outcome.items.length, seenOld: outcome.seenOld };
  };
}

function reportPoll(ctx: AppContext, feed: string, outcome: PollOutcome): void {
  const m = ctx.metrics;
  m.feedPolls.inc({ feed, outcome: outcome.status });
  if (outcome.items.length) m.feedItems.inc({ feed }, outcome.items.length);
  if (outcome.error) m.feedErrors.inc({ feed, code: outcome.error.code });
  if (outcome.consecutiveFailures !== undefined) {
    m.feedConsecutiveFailures.set({ feed }, outcome.consecutiveFailures);
  } else if (POLL_SUCCESS.has(outcome.status)) {
    m.feedConsecutiveFailures.set({ feed }, 0);
  }
  if (outcome.matched) reportMatch(ctx, feed, outcome.matched);
}

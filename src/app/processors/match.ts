import type { Job, JobsOptions, Queue } from 'bullmq';
import { planDeliveries } from '../../pipeline/plan.js';
import type { FeedItem } from '../../feeds/types.js';
import {
  matchJobItems,
  type DeliveryJob,
  type MatchJob,
  type QueueName,
} from '../../queues/registry.js';
import type { AppContext } from '../context.js';
import type { MatcherPool } from '../matcher-pool.js';
import { recordAlertStats } from '../../store/stats.js';

export interface MatchOutcome {
  /** Items in the job. */
  items: number;
  /** True when at least one item was flagged. */
  flagged: boolean;
  /** Story keys of the flagged items. */
  flaggedItems: string[];
  alerts: string[];
  deliveries: number;
}

type DeliveryAdd = { name: string; data: DeliveryJob; opts: JobsOptions };

/** Items to match: one match job's, or one poll's new items when matching runs in the poller. */
export interface MatchBatch {
  feed: string;
  items: readonly FeedItem[];
  /** Epoch ms of the poll that found the items. */
  polledAt: number;
}

/**
 * Runs detection on a job's items and enqueues one delivery job per channel of every matching
 * route, in one bulk add per delivery queue for the whole job. Alert and job ids are derived from
 * the story, so a retried or duplicated match job enqueues nothing new.
 */
export function makeMatchProcessor(ctx: AppContext, pool: Pick<MatcherPool, 'match'>) {
  const matchBatch = makeBatchMatcher(ctx, pool);
  return (job: Job<MatchJob>): Promise<MatchOutcome> =>
    matchBatch({
      feed: job.data.feed,
      items: matchJobItems(job.data),
      polledAt: job.data.polledAt,
    });
}

/**
 * Detection, alert building and delivery enqueueing for a batch of items: the match job's body,
 * also called by the poller directly when one process runs both roles. Throws only when Redis
 * refuses the delivery jobs (the caller's job or poll then retries; ids make that idempotent).
 */
export function makeBatchMatcher(ctx: AppContext, pool: Pick<MatcherPool, 'match'>) {
  return async ({ feed, items, polledAt }: MatchBatch): Promise<MatchOutcome> => {
    const inputs = items.map((it) => ({ title: it.title, body: it.body, published: it.published }));
    const results = await pool.match(inputs);
    const plan = planDeliveries({
      feed,
      items,
      results,
      routes: ctx.config.routes,
      channels: ctx.config.channels,
      now: new Date(ctx.clock.now()),
      polledAt,
    });
    const outcome: MatchOutcome = {
      items: items.length,
      flagged: plan.flagged.length > 0,
      flaggedItems: plan.flagged.map((f) => f.key),
      alerts: plan.flagged.flatMap((f) => f.alerts.map((a) => a.id)),
      deliveries: plan.deliveries.length,
    };
    for (const f of plan.flagged) {
      for (const c of f.result.categories) ctx.metrics.itemsFlagged.inc({ category: c });
      for (const a of f.alerts)
        for (const c of a.categories) ctx.metrics.alertsCreated.inc({ category: c });
      if (f.alerts.length > 0) {
        ctx.logger.info(
          {
            item: f.item.title,
            feed,
            categories: f.result.categories,
            alerts: f.alerts.map((a) => a.id),
          },
          'item flagged',
        );
      }
    }
    const byQueue = new Map<QueueName, DeliveryAdd[]>();
    for (const d of plan.deliveries) {
      let list = byQueue.get(d.queue);
      if (!list) byQueue.set(d.queue, (list = []));
      list.push({ name: d.name, data: d.data, opts: d.opts });
    }
    ctx.metrics.itemsMatched.inc(items.length);
    await Promise.all(
      [...byQueue].map(([name, jobs]) => {
        const queue = ctx.queues[name] as Queue<DeliveryJob>;
        // addBulk builds an ioredis pipeline, which copies BullMQ's scripts onto itself: for the
        // usual one alert per poll a plain add (one EVALSHA) costs less.
        if (jobs.length === 1) return queue.add(jobs[0].name, jobs[0].data, jobs[0].opts);
        return queue.addBulk(jobs);
      }),
    );
    await recordAlertStats(ctx, outcome.alerts.length);
    return outcome;
  };
}

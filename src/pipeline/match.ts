import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { ChannelConfig, RouteConfig } from '../config/schema.js';
import { storyKey } from '../feeds/normalise.js';
import type { FeedItem } from '../feeds/types.js';
import type { MatchInput, MatchResult } from '../matching/index.js';
import type { Queues } from '../queues/factory.js';
import {
  MATCH_BATCH,
  safeJobId,
  type DeliveryQueueName,
  type MatchJob,
} from '../queues/registry.js';
import { recordAlertStats, type StatsLogger } from '../store/stats.js';
import { applyBurst } from './burst.js';
import { planDeliveries, type FlaggedItem, type PlannedDelivery } from './plan.js';

/** Items to match: one match job's, or one poll's new items when matching runs in the poller. */
export interface MatchBatch {
  feed: string;
  items: readonly FeedItem[];
  /** Epoch ms of the poll that found the items. */
  polledAt: number;
}

/** What matching needs: the matcher (the thread pool), the routing config, the delivery queues. */
export interface MatchDeps {
  matcher: { match(items: MatchInput[]): Promise<MatchResult[]> };
  routes: readonly RouteConfig[];
  channels: readonly ChannelConfig[];
  queues: Pick<Queues, DeliveryQueueName>;
  redis: Redis;
  prefix: string;
  clock: Clock;
  logger: StatsLogger;
  /** `alerts.burst`: a poll's alerts per channel sent alone; the rest go in one summary. */
  burst?: number;
  /** A feed's tags (`feeds[].tags`), for routes that select by tag. @defaultValue none */
  tagsOf?: (feed: string) => readonly string[] | undefined;
}

export interface MatchOutcome {
  /** Items matched. */
  items: number;
  /** The flagged items with their alerts (empty alerts: no route wanted the item). */
  flagged: FlaggedItem[];
  /** Ids of the alerts built. */
  alerts: string[];
  /** Delivery jobs added (or found already there: their ids come from the alert). */
  deliveries: number;
}

/**
 * Match → plan deliveries → enqueue them, for one batch of items. Throws only when Redis refuses
 * the delivery jobs (the caller's job or poll then retries; ids make that idempotent).
 */
export async function matchItems(deps: MatchDeps, batch: MatchBatch): Promise<MatchOutcome> {
  const inputs = batch.items.map((it) => ({
    title: it.title,
    body: it.body,
    published: it.published,
  }));
  const results = await deps.matcher.match(inputs);
  const plan = planDeliveries({
    feed: batch.feed,
    items: batch.items,
    results,
    routes: deps.routes,
    channels: deps.channels,
    now: new Date(deps.clock.now()),
    polledAt: batch.polledAt,
    feedTags: deps.tagsOf?.(batch.feed),
  });
  // Flood control: past the burst, a poll's alerts are held for one summary per channel.
  const deliveries = await applyBurst(
    deps,
    { feed: batch.feed, polledAt: batch.polledAt },
    plan.deliveries,
  );
  await enqueueDeliveries(deps.queues, deliveries);
  const alerts = plan.flagged.flatMap((f) => f.alerts.map((a) => a.id));
  const at = { prefix: deps.prefix, now: deps.clock.now(), logger: deps.logger };
  await recordAlertStats(deps.redis, at, alerts.length);
  return {
    items: batch.items.length,
    flagged: plan.flagged,
    alerts,
    deliveries: deliveries.length,
  };
}

/** Adds the planned deliveries, one call per delivery queue. */
async function enqueueDeliveries(
  queues: MatchDeps['queues'],
  deliveries: readonly PlannedDelivery[],
): Promise<void> {
  const byQueue = new Map<PlannedDelivery['queue'], PlannedDelivery[]>();
  for (const d of deliveries) {
    const list = byQueue.get(d.queue) ?? [];
    byQueue.set(d.queue, list);
    list.push(d);
  }
  await Promise.all(
    [...byQueue].map(([name, jobs]) => {
      const queue = queues[name as keyof MatchDeps['queues']];
      // addBulk builds an ioredis pipeline, which copies BullMQ's scripts onto itself: for the
      // usual one alert per poll a plain add (one EVALSHA) costs less.
      if (jobs.length === 1) return queue.add(jobs[0].name, jobs[0].data, jobs[0].opts);
      return queue.addBulk(jobs.map(({ name: n, data, opts }) => ({ name: n, data, opts })));
    }),
  );
}

/**
 * The match job id of a batch of stories, from their story keys: the same batch offered again
 * (a poll re-offering items after a failure before marking them seen) is one job.
 */
export function matchJobId(items: readonly FeedItem[]): string {
  const h = createHash('sha256');
  for (const item of items) h.update(storyKey(item)).update('\n');
  return safeJobId('items', h.digest('hex').slice(0, 32));
}

/** The poll's new items as match jobs of at most {@link MATCH_BATCH} items each. */
export function matchJobs(batch: MatchBatch) {
  const jobs = [];
  for (let i = 0; i < batch.items.length; i += MATCH_BATCH) {
    const items = batch.items.slice(i, i + MATCH_BATCH);
    jobs.push({
      name: 'items',
      data: { feed: batch.feed, items, polledAt: batch.polledAt },
      opts: { jobId: matchJobId(items) },
    });
  }
  return jobs;
}

/** Queues the poll's new items for matching, in one bulk add. */
export async function enqueueMatchJobs(
  queue: Pick<Queue<MatchJob>, 'addBulk'>,
  batch: MatchBatch,
): Promise<void> {
  await queue.addBulk(matchJobs(batch));
}

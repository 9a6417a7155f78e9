import type { ChainableCommander, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { execWithScripts, queueScript } from './scripts.js';

/** Hourly buckets of new items kept for the dashboard chart. */
export const ITEM_HOURS_KEPT = 7 * 24;
/** Daily buckets of alerts kept for the dashboard chart. */
export const ALERT_DAYS_KEPT = 90;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Redis keys of the dashboard counters, under the config prefix. */
export function statsKeys(prefix: string) {
  return {
    /** Hash: hour bucket (`2026-11-27T22`) → new items. */
    items: `${prefix}:stats:items`,
    /** Hash: day bucket (`2026-11-27`) → alerts. */
    alerts: `${prefix}:stats:alerts`,
    /** Hash: `<feed>|polls` and `<feed>|304` → counts, for the 304 share. */
    feeds: `${prefix}:stats:feeds`,
  };
}

/** UTC hour bucket of an epoch ms, e.g. `2026-11-27T22`. */
export function hourBucket(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

/** UTC day bucket of an epoch ms, e.g. `2026-11-27`. */
export function dayBucket(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** What the stats writers need: the app context's Redis, prefix, clock and logger. */
export interface StatsTarget {
  redis: Redis;
  config: { redis: { prefix: string } };
  clock: { now(): number };
  logger: Logger;
}

/** Poll outcomes that made no request, so they do not count towards the 304 share. */
const NO_REQUEST = new Set(['skipped-backoff']);

/**
 * Counts one poll: its new items in the hour bucket and, per feed, polls and 304s. One round
 * trip. A failed write only loses a chart point, so it is logged and never fails the poll.
 */
export async function recordPollStats(
  ctx: StatsTarget,
  feed: string,
  status: string,
  items: number,
): Promise<void> {
  if (NO_REQUEST.has(status)) return;
  await run(ctx, 'poll', (pipeline) => queuePollStats(ctx, pipeline, feed, status, items));
}

/**
 * {@link recordPollStats}'s writes queued into another pipeline (the poll's last one); pass
 * their replies to the returned function, which logs a failure and never throws.
 */
export function queuePollStats(
  ctx: StatsTarget,
  pipeline: ChainableCommander,
  feed: string,
  status: string,
  items: number,
): (replies: [Error | null, unknown][]) => void {
  if (NO_REQUEST.has(status)) return () => undefined;
  const now = ctx.clock.now();
  const keys = statsKeys(ctx.config.redis.prefix);
  if (items > 0) {
    queueScript(
      pipeline,
      'bumpBuckets',
      [keys.items],
      [
        hourBucket(now),
        items,
        (ITEM_HOURS_KEPT + 24) * HOUR_MS,
        ITEM_HOURS_KEPT,
        hourBucket(now - ITEM_HOURS_KEPT * HOUR_MS),
      ],
    );
  }
  pipeline.hincrby(keys.feeds, `${feed}|polls`, 1);
  if (status === 'not-modified') pipeline.hincrby(keys.feeds, `${feed}|304`, 1);
  pipeline.pexpire(keys.feeds, ALERT_DAYS_KEPT * DAY_MS);
  return (replies) => {
    const failed = replies.find(([err]) => err);
    if (failed?.[0]) warn(ctx, failed[0], 'poll');
  };
}

function warn(ctx: StatsTarget, err: unknown, what: string): void {
  ctx.logger.warn(
    { err: err instanceof Error ? err.message : String(err), what },
    'dashboard stats not recorded',
  );
}

/** Counts the alerts built from one flagged item in today's bucket. One round trip; never throws. */
export async function recordAlertStats(ctx: StatsTarget, alerts: number): Promise<void> {
  if (alerts <= 0) return;
  const now = ctx.clock.now();
  await run(ctx, 'alert', (pipeline) =>
    queueScript(
      pipeline,
      'bumpBuckets',
      [statsKeys(ctx.config.redis.prefix).alerts],
      [
        dayBucket(now),
        alerts,
        (ALERT_DAYS_KEPT + 1) * DAY_MS,
        ALERT_DAYS_KEPT,
        dayBucket(now - ALERT_DAYS_KEPT * DAY_MS),
      ],
    ),
  );
}

async function run(
  ctx: StatsTarget,
  what: string,
  build: (pipeline: ChainableCommander) => void,
): Promise<void> {
  try {
    const results = await execWithScripts(ctx.redis, build);
    const failed = results.find(([err]) => err);
    if (failed?.[0]) throw failed[0];
  } catch (err) {
    warn(ctx, err, what);
  }
}

/** One chart bar: its bucket and count. */
export interface Bucket {
  bucket: string;
  count: number;
}

/** Items per hour for the last `hours` hours, oldest first, zero-filled. */
export async function readItemsPerHour(
  redis: Redis,
  prefix: string,
  now: number,
  hours = 48,
): Promise<Bucket[]> {
  const buckets = Array.from({ length: hours }, (_, i) =>
    hourBucket(now - (hours - 1 - i) * HOUR_MS),
  );
  return read(redis, statsKeys(prefix).items, buckets);
}

/** Alerts per day for the last `days` days, oldest first, zero-filled. */
export async function readAlertsPerDay(
  redis: Redis,
  prefix: string,
  now: number,
  days = 30,
): Promise<Bucket[]> {
  const buckets = Array.from({ length: days }, (_, i) => dayBucket(now - (days - 1 - i) * DAY_MS));
  return read(redis, statsKeys(prefix).alerts, buckets);
}

/** Per feed: polls that made a request, and how many of them were answered 304. */
export async function readFeedPollCounts(
  redis: Redis,
  prefix: string,
): Promise<Map<string, { polls: number; notModified: number }>> {
  const raw = await redis.hgetall(statsKeys(prefix).feeds);
  const out = new Map<string, { polls: number; notModified: number }>();
  for (const [field, value] of Object.entries(raw)) {
    const cut = field.lastIndexOf('|');
    if (cut < 0) continue;
    const feed = field.slice(0, cut);
    const entry = out.get(feed) ?? { polls: 0, notModified: 0 };
    if (field.slice(cut + 1) === 'polls') entry.polls = Number(value) || 0;
    else entry.notModified = Number(value) || 0;
    out.set(feed, entry);
  }
  return out;
}

async function read(redis: Redis, key: string, buckets: string[]): Promise<Bucket[]> {
  const values = await redis.hmget(key, ...buckets);
  return buckets.map((bucket, i) => ({ bucket, count: Number(values[i] ?? 0) || 0 }));
}

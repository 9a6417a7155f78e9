import type { ChainableCommander, Redis } from 'ioredis';
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

/** A bucketed counter: how buckets are named, how many are kept, how long the hash lives. */
interface Buckets {
  name: (ms: number) => string;
  sizeMs: number;
  kept: number;
  ttlMs: number;
}

const HOURLY: Buckets = {
  name: hourBucket,
  sizeMs: HOUR_MS,
  kept: ITEM_HOURS_KEPT,
  ttlMs: (ITEM_HOURS_KEPT + 24) * HOUR_MS,
};
const DAILY: Buckets = {
  name: dayBucket,
  sizeMs: DAY_MS,
  kept: ALERT_DAYS_KEPT,
  ttlMs: (ALERT_DAYS_KEPT + 1) * DAY_MS,
};

/** Adds `n` to the bucket of `now`, dropping buckets older than the kept window. */
function queueBump(pipeline: ChainableCommander, key: string, b: Buckets, now: number, n: number) {
  const oldest = b.name(now - b.kept * b.sizeMs);
  queueScript(pipeline, 'bumpBuckets', [key], [b.name(now), n, b.ttlMs, b.kept, oldest]);
}

/** Where a failed stats write is reported (it only loses a chart point, so it never throws). */
export interface StatsLogger {
  warn(obj: object, msg?: string): void;
}

/** Where and when stats are written: the key prefix, the time of the event, the logger. */
export interface StatsAt {
  prefix: string;
  now: number;
  logger: StatsLogger;
}

/** Poll outcomes that made no request, so they do not count towards the 304 share. */
const NO_REQUEST = new Set(['skipped-backoff', 'locked']);

/**
 * Counts one poll, queued into the poll's last pipeline: its new items in the hour bucket and,
 * per feed, polls and 304s. Pass the replies to those writes to the returned function, which
 * logs a failure and never throws.
 */
export function queuePollStats(
  at: StatsAt,
  pipeline: ChainableCommander,
  feed: string,
  status: string,
  items: number,
): (replies: [Error | null, unknown][]) => void {
  if (NO_REQUEST.has(status)) return () => undefined;
  const keys = statsKeys(at.prefix);
  if (items > 0) {
    queueBump(pipeline, keys.items, HOURLY, at.now, items);
  }
  pipeline.hincrby(keys.feeds, `${feed}|polls`, 1);
  if (status === 'not-modified') pipeline.hincrby(keys.feeds, `${feed}|304`, 1);
  pipeline.pexpire(keys.feeds, ALERT_DAYS_KEPT * DAY_MS);
  return (replies) => {
    const failed = replies.find(([err]) => err);
    if (failed?.[0]) warn(at, failed[0], 'poll');
  };
}

function warn(at: StatsAt, err: unknown, what: string): void {
  at.logger.warn(
    { err: err instanceof Error ? err.message : String(err), what },
    'dashboard stats not recorded',
  );
}

/** Counts alerts in their day's bucket. One round trip; never throws. */
export async function recordAlertStats(redis: Redis, at: StatsAt, alerts: number): Promise<void> {
  if (alerts <= 0) return;
  try {
    const results = await execWithScripts(redis, (pipeline) =>
      queueBump(pipeline, statsKeys(at.prefix).alerts, DAILY, at.now, alerts),
    );
    const failed = results.find(([err]) => err);
    if (failed?.[0]) throw failed[0];
  } catch (err) {
    warn(at, err, 'alert');
  }
}

/** One chart bar: its bucket and count. */
export interface Bucket {
  bucket: string;
  count: number;
}

/** Items per hour for the last `hours` hours, oldest first, zero-filled. */
export function readItemsPerHour(redis: Redis, prefix: string, now: number, hours = 48) {
  return readBuckets(redis, statsKeys(prefix).items, HOURLY, now, hours);
}

/** Alerts per day for the last `days` days, oldest first, zero-filled. */
export function readAlertsPerDay(redis: Redis, prefix: string, now: number, days = 30) {
  return readBuckets(redis, statsKeys(prefix).alerts, DAILY, now, days);
}

async function readBuckets(
  redis: Redis,
  key: string,
  b: Buckets,
  now: number,
  count: number,
): Promise<Bucket[]> {
  const buckets = Array.from({ length: count }, (_, i) => b.name(now - (count - 1 - i) * b.sizeMs));
  const values = await redis.hmget(key, ...buckets);
  return buckets.map((bucket, i) => ({ bucket, count: Number(values[i] ?? 0) || 0 }));
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

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What Redis remembers about one feed between polls. */
export interface FeedState {
  /** The configured URL the rest of the state belongs to (a config change resets the redirect). */
  configUrl?: string;
  etag?: string;
  lastModified?: string;
  /** Epoch ms. */
  lastSuccess?: number;
  lastAttempt?: number;
  consecutiveFailures: number;
  /** Epoch ms of the next poll worth making. */
  nextPollAt?: number;
  /** No poll before this (failure backoff or Retry-After). */
  backoffUntil?: number;
  /** Target of a 301/308, used instead of the configured URL. */
  permanentUrl?: string;
  gone: boolean;
  /** Last HTTP status or outcome. */
  lastStatus?: string;
  lastError?: string;
  lastErrorCode?: string;
  /** Items in the last parsed document. */
  items?: number;
  notModifiedCount: number;
}

export function feedKey(prefix: string, feed: string, part: 'state' | 'seen' | 'lock'): string {
  return `${prefix}:feed:${feed}:${part}`;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export async function loadFeedState(
  redis: Redis,
  prefix: string,
  feed: string,
): Promise<FeedState> {
  const h = await redis.hgetall(feedKey(prefix, feed, 'state'));
  const s: FeedState = {
    consecutiveFailures: num(h.consecutiveFailures) ?? 0,
    gone: h.gone === '1',
    notModifiedCount: num(h.notModifiedCount) ?? 0,
  };
  for (const k of [
    'configUrl',
    'etag',
    'lastModified',
    'permanentUrl',
    'lastStatus',
    'lastError',
    'lastErrorCode',
  ] as const) {
    if (h[k]) s[k] = h[k];
  }
  for (const k of ['lastSuccess', 'lastAttempt', 'nextPollAt', 'backoffUntil', 'items'] as const) {
    const n = num(h[k]);
    if (n !== undefined) s[k] = n;
  }
  return s;
}

/** Writes the state whole (absent fields are deleted), in one round trip. */
export async function saveFeedState(
  redis: Redis,
  prefix: string,
  feed: string,
  state: FeedState,
): Promise<void> {
  const key = feedKey(prefix, feed, 'state');
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined) continue;
    fields[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  await redis.multi().del(key).hset(key, fields).exec();
}

/** Forgets a feed's state and seen-set (a feed removed from the config, or a reset by an operator). */
export async function clearFeedState(redis: Redis, prefix: string, feed: string): Promise<void> {
  await redis.del(
    feedKey(prefix, feed, 'state'),
    feedKey(prefix, feed, 'seen'),
    feedKey(prefix, feed, 'lock'),
  );
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Takes the feed's poll lock (SET NX PX); returns the token to release it with, or null when held. */
export async function acquireFeedLock(
  redis: Redis,
  prefix: string,
  feed: string,
  ttlMs: number,
): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(feedKey(prefix, feed, 'lock'), token, 'PX', ttlMs, 'NX');
  return ok === 'OK' ? token : null;
}

/** Releases the lock only if this token still holds it. */
export async function releaseFeedLock(
  redis: Redis,
  prefix: string,
  feed: string,
  token: string,
): Promise<void> {
  await redis.eval(RELEASE, 1, feedKey(prefix, feed, 'lock'), token);
}

/** Runs `fn` under the feed's lock; returns null without running it when another poller holds it. */
export async function withFeedLock<T>(
  redis: Redis,
  prefix: string,
  feed: string,
  ttlMs: number,
  fn: () => Promise<T>,
): Promise<T | null> {
  const token = await acquireFeedLock(redis, prefix, feed, ttlMs);
  if (token === null) return null;
  try {
    return await fn();
  } finally {
    await releaseFeedLock(redis, prefix, feed, token);
  }
}

import { randomUUID } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import { queueScript, runScript } from './scripts.js';

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
  return parseFeedState(await redis.hgetall(feedKey(prefix, feed, 'state')));
}

/** The state from its hash's fields (HGETALL's reply). */
export function parseFeedState(h: Record<string, string>): FeedState {
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

/** Appends the atomic whole-state write to a pipeline (first command added); returns it. */
export function queueSaveFeedState(
  pipeline: ChainableCommander,
  prefix: string,
  feed: string,
  state: FeedState,
): ChainableCommander {
  const args: string[] = [];
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined) continue;
    args.push(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  // DEL + HSET as one atomic step that can share a pipeline with other writes (a MULTI cannot).
  queueScript(pipeline, 'replaceHash', [feedKey(prefix, feed, 'state')], args);
  return pipeline;
}

/** Forgets a feed's state and seen-set (a feed removed from the config, or a reset by an operator). */
export async function clearFeedState(redis: Redis, prefix: string, feed: string): Promise<void> {
  await redis.del(
    feedKey(prefix, feed, 'state'),
    feedKey(prefix, feed, 'seen'),
    feedKey(prefix, feed, 'lock'),
  );
}

/** Releases the lock only if this token still holds it. */
export async function releaseFeedLock(
  redis: Redis,
  prefix: string,
  feed: string,
  token: string,
): Promise<void> {
  await runScript(redis, 'lockRelease', [feedKey(prefix, feed, 'lock')], [token]);
}

/**
 * How long a feed's poll lock lasts without renewal. A poll renews it every third of this while it
 * runs, however long its fetch takes; a poller killed mid-poll frees the feed this soon. (A lock
 * sized for the slowest fetch, 70 s, held a killed daemon's feeds that long: recovery took 71 s.)
 */
export const FEED_LOCK_MS = 15_000;

/** A held feed lock, with the state read in the same round trip as taking it. */
export interface HeldFeedLock {
  state: FeedState;
  /** Appends the lock's release to a pipeline (the poll's last write), once. */
  queueRelease(pipeline: ChainableCommander): void;
}

/** What {@link withFeedLockAndState} did: ran `fn`, or found the lock held (and for how long). */
export type FeedLockResult<T> = { held: true; value: T } | { held: false; remainingMs: number };

/**
 * Runs `fn` under the feed's poll lock (SET NX PX), or returns how long another holder still has
 * it. The state is read in the round trip that takes the lock, the lock is renewed every third of
 * `ttlMs` while `fn` runs, and `fn` may queue the release into its last pipeline; the lock is
 * released on its own only if `fn` did not.
 */
export async function withFeedLockAndState<T>(
  redis: Redis,
  prefix: string,
  feed: string,
  ttlMs: number,
  fn: (held: HeldFeedLock) => Promise<T>,
): Promise<FeedLockResult<T>> {
  const token = randomUUID();
  const lockKey = feedKey(prefix, feed, 'lock');
  const results = (await redis
    .pipeline()
    .set(lockKey, token, 'PX', ttlMs, 'NX')
    .hgetall(feedKey(prefix, feed, 'state'))
    .pttl(lockKey)
    .exec()) ?? [
    [null, null],
    [null, {}],
    [null, -2],
  ];
  const [[lockErr, ok], [stateErr, h], [, pttl]] = results;
  if (lockErr) throw lockErr;
  if (ok !== 'OK') return { held: false, remainingMs: Math.max(1, Number(pttl)) };
  const renew = setInterval(
    () => void runScript(redis, 'lockExtend', [lockKey], [token, ttlMs]).catch(() => undefined),
    ttlMs / 3,
  );
  let queued = false;
  let done = false;
  try {
    if (stateErr) throw stateErr;
    const value = await fn({
      state: parseFeedState(h as Record<string, string>),
      queueRelease(pipeline) {
        queued = true;
        clearInterval(renew);
        queueScript(pipeline, 'lockRelease', [lockKey], [token]);
      },
    });
    done = true;
    return { held: true, value };
  } finally {
    clearInterval(renew);
    // Queued but fn failed after (its pipeline may not have run): release here; token-checked.
    if (!queued || !done) await releaseFeedLock(redis, prefix, feed, token);
  }
}

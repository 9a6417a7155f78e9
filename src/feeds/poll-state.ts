import { backoffDelay } from '../backoff.js';
import type { SwError } from '../errors.js';
import type { FeedState } from '../store/feed-state.js';

/**
 * What one poll of a feed can end as. `locked`: another poller holds the feed; `skipped-backoff`:
 * the feed's backoff has not passed, no request made.
 */
export type PollStatus =
  'new-items' | 'not-modified' | 'no-new' | 'skipped-backoff' | 'gone' | 'failed' | 'locked';

/** Statuses of a poll that reached the feed and got a usable answer. */
export const POLL_SUCCESS: ReadonlySet<PollStatus> = new Set<PollStatus>([
  'new-items',
  'not-modified',
  'no-new',
]);

/** Longest Retry-After honoured; a server asking for more gets polled again after a day. */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/**
 * The state to poll with: when the operator changed the feed's URL, what belonged to the old one
 * (redirect target, validators, failures, gone) is forgotten.
 */
export function adoptConfigUrl(state: FeedState, url: string): FeedState {
  if (state.configUrl === undefined || state.configUrl === url) return { ...state, configUrl: url };
  return {
    ...state,
    configUrl: url,
    gone: false,
    permanentUrl: undefined,
    etag: undefined,
    lastModified: undefined,
    consecutiveFailures: 0,
    backoffUntil: undefined,
  };
}

/** Clock skew between hosts sharing a Redis that is not yet a step. */
const SKEW_MS = 60_000;

/**
 * The wall clock went back since the state was written: the last attempt lies in the future, or
 * the backoff ends further away than any backoff is set. Honouring such a backoff would stop the
 * feed for the length of the step.
 */
export function clockSteppedBack(state: FeedState, now: number, maxBackoff: number): boolean {
  if (state.lastAttempt !== undefined && state.lastAttempt > now + SKEW_MS) return true;
  const longest = Math.max(maxBackoff, MAX_RETRY_AFTER_MS);
  return state.backoffUntil !== undefined && state.backoffUntil - now > longest + SKEW_MS;
}

/** Why no request is made now (`gone`, or a backoff not yet passed), or undefined to poll. */
export function reasonNotToPoll(
  state: FeedState,
  now: number,
  maxBackoff: number,
): { status: 'gone' | 'skipped-backoff'; nextPollAt: number | null } | undefined {
  if (state.gone) return { status: 'gone', nextPollAt: null };
  const until = state.backoffUntil;
  if (until === undefined || until <= now || clockSteppedBack(state, now, maxBackoff))
    return undefined;
  return { status: 'skipped-backoff', nextPollAt: until };
}

/** The state after the feed answered (200 or 304): failures reset, next poll one interval on. */
export function afterAnswer(
  state: FeedState,
  now: number,
  interval: number,
  answer: { status: '200' | '304'; etag?: string; lastModified?: string; items?: number },
): FeedState {
  const next: FeedState = {
    ...state,
    lastAttempt: now,
    lastSuccess: now,
    consecutiveFailures: 0,
    backoffUntil: undefined,
    lastError: undefined,
    lastErrorCode: undefined,
    nextPollAt: now + interval,
    lastStatus: answer.status,
  };
  if (answer.status === '304') next.notModifiedCount = state.notModifiedCount + 1;
  else
    Object.assign(next, {
      etag: answer.etag,
      lastModified: answer.lastModified,
      items: answer.items,
    });
  return next;
}

/** What a failed poll changes: the state, and the delay before the next attempt (null: gone). */
export interface FailureStep {
  state: FeedState;
  delayMs: number | null;
}

/**
 * The state after the feed failed: a 410 stops polling until the URL changes; anything else
 * backs off exponentially (with jitter, and at least the Retry-After the server asked for).
 */
export function afterFailure(
  state: FeedState,
  err: SwError,
  now: number,
  feed: { interval: number; maxBackoff: number },
  random: () => number,
): FailureStep {
  const status = err.details?.status;
  const failed: FeedState = {
    ...state,
    lastAttempt: now,
    lastError: err.message,
    lastErrorCode: err.code,
    lastStatus:
      typeof status === 'number' || typeof status === 'string' ? String(status) : err.code,
  };
  if (err.code === 'FEED_GONE') {
    return { state: { ...failed, gone: true, nextPollAt: undefined }, delayMs: null };
  }
  const failures = state.consecutiveFailures + 1;
  const delayMs = backoffDelay(
    failures,
    feed.interval,
    feed.maxBackoff,
    err.retryAfterMs,
    random,
    MAX_RETRY_AFTER_MS,
  );
  return {
    state: {
      ...failed,
      consecutiveFailures: failures,
      backoffUntil: now + delayMs,
      nextPollAt: Math.max(now + delayMs, now + feed.interval),
    },
    delayMs,
  };
}

/**
 * Splits a document's items into those to match (unseen and young enough, in feed order) and a
 * count of unseen ones too old to match (marked seen without matching). Undated items are young,
 * except in a resync after a data loss (`resyncBefore`): only items published after it are new,
 * since everything else may have been alerted before the loss.
 */
export function youngUnseen<T extends { published?: string }>(
  items: readonly T[],
  unseen: readonly boolean[],
  now: number,
  maxItemAge: number,
  resyncBefore?: number,
): { items: T[]; seenOld: number } {
  const young: T[] = [];
  let seenOld = 0;
  items.forEach((item, i) => {
    if (!unseen[i]) return;
    const published = item.published ? Date.parse(item.published) : NaN;
    const old =
      resyncBefore !== undefined
        ? Number.isNaN(published) || published <= resyncBefore
        : !Number.isNaN(published) && now - published > maxItemAge;
    if (old) seenOld++;
    else young.push(item);
  });
  return { items: young, seenOld };
}

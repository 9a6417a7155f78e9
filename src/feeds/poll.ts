import { execWithScripts } from '../store/scripts.js';
import type { ChainableCommander, Redis } from 'ioredis';
import { backoffDelay } from '../backoff.js';
import type { Clock } from '../clock.js';
import type { FeedConfig } from '../config/schema.js';
import { errorLine, isSwError, SwError } from '../errors.js';
import { fetchFeed } from './fetch.js';
import { parseFeed } from './parse.js';
import { markSeen, peekUnseen, queueTouchSeen } from '../store/seen.js';
import { loadFeedState, queueSaveFeedState, type FeedState } from '../store/feed-state.js';
import type { FeedItem } from './types.js';

export interface PollDefaults {
  /** Items published longer ago are marked seen and not returned (a feed's own value wins). */
  maxItemAge: number;
  /** Body cap, bytes. */
  maxBytes: number;
  /** Whole-response timeout, ms. */
  timeout: number;
  /** Connect timeout, ms. */
  connectTimeout: number;
  /** URL in the User-Agent. */
  contact: string;
  /** Longest failure backoff, ms. */
  maxBackoff: number;
}

/** The slice of pino's logger the poller uses. */
export interface PollLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface PollParams {
  redis: Redis;
  prefix: string;
  feed: Pick<FeedConfig, 'name' | 'url' | 'interval'> & { maxItemAge?: number };
  defaults: PollDefaults;
  clock: Clock;
  logger?: PollLogger;
  /**
   * Receives the new items before they are marked seen; when it throws, nothing is marked and
   * the poll throws. Without it, items are marked seen first and returned.
   */
  handOff?: (items: FeedItem[]) => Promise<void>;
  /** Source of jitter. @defaultValue Math.random */
  random?: () => number;
  /** Parses the fetched bytes, e.g. on a worker thread. @defaultValue parseFeed */
  parse?: typeof parseFeed;
  /** The feed's state when the caller already read it (with the feed lock). */
  state?: FeedState;
  /**
   * Queues the caller's own writes (stats, lock release) into the pipeline that saves the
   * state, so a poll ends in one round trip; gets back the replies to those writes.
   */
  finalise?: (
    pipeline: ChainableCommander,
    outcome: PollOutcome,
  ) => (replies: [Error | null, unknown][]) => void;
}

export type PollStatus =
  'new-items' | 'not-modified' | 'no-new' | 'skipped-backoff' | 'gone' | 'failed';

export interface PollOutcome {
  status: PollStatus;
  /** New items young enough to match, in feed order. */
  items: FeedItem[];
  /** New items older than maxItemAge, marked seen without matching. */
  seenOld: number;
  error?: { code: string; message: string };
  /** Epoch ms of the next poll worth making; null once the feed is gone. */
  nextPollAt: number | null;
  /** True when the document needed the lenient parser. */
  malformed?: boolean;
  /** Failures in a row, on a failed poll (a successful one resets them to 0). */
  consecutiveFailures?: number;
}

/** Longest Retry-After honoured; a server asking for more gets polled again after a day. */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/**
 * One poll of one feed: fetch (conditional), parse, mark items seen, record state. Never throws
 * for what a feed can do wrong: those end as 'failed' with a backoff recorded, so the poll job is
 * never retried and the schedule decides the next attempt. Redis errors do throw.
 */
export async function pollFeed(params: PollParams): Promise<PollOutcome> {
  const { redis, prefix, feed, defaults, clock, logger } = params;
  const random = params.random ?? Math.random;
  const now = clock.now();
  const state = params.state ?? (await loadFeedState(redis, prefix, feed.name));
  if (state.configUrl !== undefined && state.configUrl !== feed.url) {
    // The operator changed the URL: forget what belonged to the old one.
    Object.assign(state, {
      gone: false,
      permanentUrl: undefined,
      etag: undefined,
      lastModified: undefined,
      consecutiveFailures: 0,
      backoffUntil: undefined,
    });
  }
  state.configUrl = feed.url;
  const log = { feed: feed.name };

  if (state.gone) return { status: 'gone', items: [], seenOld: 0, nextPollAt: null };
  if (state.backoffUntil !== undefined && state.backoffUntil > now) {
    return { status: 'skipped-backoff', items: [], seenOld: 0, nextPollAt: state.backoffUntil };
  }
  state.lastAttempt = now;
  const url = state.permanentUrl ?? feed.url;
  try {
    const fetched = await fetchFeed(url, {
      maxBytes: defaults.maxBytes,
      timeoutMs: defaults.timeout,
      connectTimeoutMs: defaults.connectTimeout,
      contact: defaults.contact,
      etag: state.etag,
      lastModified: state.lastModified,
      clock,
    });
    if (fetched.permanentUrl) {
      state.permanentUrl = fetched.permanentUrl;
      logger?.info(
        { ...log, from: url, to: fetched.permanentUrl },
        'feed moved permanently; using the new URL',
      );
    }
    succeed(state, now, feed.interval);
    if (fetched.kind === 'not-modified') {
      state.lastStatus = '304';
      state.notModifiedCount++;
      return save(params, state, {
        status: 'not-modified',
        items: [],
        seenOld: 0,
        nextPollAt: state.nextPollAt!,
      });
    }
    const parsed = await (params.parse ?? parseFeed)(fetched.body, {
      contentType: fetched.contentType,
      baseUrl: fetched.url,
    });
    if (parsed.malformed)
      logger?.warn({ ...log, url }, 'feed is malformed; items recovered by the lenient parser');
    // Hand-off before marking: a crash in between re-offers the items next poll (downstream job
    // and alert ids are derived from the story, so that is harmless) instead of losing them.
    const fresh = params.handOff
      ? await peekUnseen(redis, prefix, feed.name, parsed.items)
      : await markSeen(redis, prefix, feed.name, parsed.items, now);
    const maxAge = feed.maxItemAge ?? defaults.maxItemAge;
    const items: FeedItem[] = [];
    let seenOld = 0;
    parsed.items.forEach((item, i) => {
      if (!fresh[i]) return;
      const published = item.published ? Date.parse(item.published) : NaN;
      if (!Number.isNaN(published) && now - published > maxAge) seenOld++;
      else items.push(item);
    });
    if (params.handOff) await handOff(params.handOff, items);
    state.etag = fetched.etag;
    state.lastModified = fetched.lastModified;
    state.lastStatus = '200';
    state.items = parsed.items.length;
    return await save(
      params,
      state,
      {
        status: items.length > 0 ? 'new-items' : 'no-new',
        items,
        seenOld,
        nextPollAt: state.nextPollAt!,
        ...(parsed.malformed ? { malformed: true } : {}),
      },
      // After the hand-off, in the state's round trip: a failure here re-offers the items
      // next poll, which downstream ids make harmless.
      params.handOff
        ? (pipeline) => queueTouchSeen(pipeline, prefix, feed.name, parsed.items, now)
        : undefined,
    );
  } catch (err) {
    if (!isSwError(err) || err.code === 'REDIS_UNREACHABLE') throw err;
    return fail(params, state, err, now, random);
  }
}

// The hand-off's failures (Redis, the matcher) are not the feed's: rethrown as plain errors so
// the poll fails and is retried, instead of the feed going into backoff with the items unmarked.
async function handOff(fn: (items: FeedItem[]) => Promise<void>, items: FeedItem[]) {
  try {
    await fn(items);
  } catch (cause) {
    throw new Error(`hand-off of ${items.length} new items failed: ${errorLine(cause)}`, { cause });
  }
}

function succeed(state: FeedState, now: number, interval: number): void {
  state.lastSuccess = now;
  state.consecutiveFailures = 0;
  state.backoffUntil = undefined;
  state.lastError = undefined;
  state.lastErrorCode = undefined;
  state.nextPollAt = now + interval;
}

async function fail(
  params: PollParams,
  state: FeedState,
  err: SwError,
  now: number,
  random: () => number,
): Promise<PollOutcome> {
  const { feed, defaults, logger } = params;
  state.lastError = err.message;
  state.lastErrorCode = err.code;
  const status = err.details?.status;
  state.lastStatus =
    typeof status === 'number' || typeof status === 'string' ? String(status) : err.code;
  const error = { code: err.code, message: err.message };
  if (err.code === 'FEED_GONE') {
    state.gone = true;
    state.nextPollAt = undefined;
    const gone = await save(params, state, {
      status: 'gone',
      items: [],
      seenOld: 0,
      error,
      nextPollAt: null,
    });
    logger?.warn(
      { feed: feed.name, url: feed.url },
      'feed is gone (HTTP 410); polling stopped until its URL changes',
    );
    return gone;
  }
  state.consecutiveFailures++;
  const delay = backoffDelay(
    state.consecutiveFailures,
    feed.interval,
    defaults.maxBackoff,
    err.retryAfterMs,
    random,
    MAX_RETRY_AFTER_MS,
  );
  state.backoffUntil = now + delay;
  state.nextPollAt = Math.max(now + delay, now + feed.interval);
  const outcome = await save(params, state, {
    status: 'failed',
    items: [],
    seenOld: 0,
    error,
    nextPollAt: state.nextPollAt,
    consecutiveFailures: state.consecutiveFailures,
  });
  logger?.warn(
    {
      feed: feed.name,
      code: err.code,
      failures: state.consecutiveFailures,
      retryInMs: delay,
      err: err.message,
    },
    'feed poll failed',
  );
  return outcome;
}

// Saves the state, with the seen-marking (`touch`) and the caller's own writes in the same round
// trip; the state's or the marking's write failing fails the poll.
async function save(
  params: PollParams,
  state: FeedState,
  outcome: PollOutcome,
  touch?: (pipeline: ChainableCommander) => void,
) {
  let own = 0;
  let onReplies: ((replies: [Error | null, unknown][]) => void) | undefined;
  // Every write here is idempotent, so a pipeline sent again after NOSCRIPT does no harm.
  const replies = await execWithScripts(params.redis, (pipeline) => {
    queueSaveFeedState(pipeline, params.prefix, params.feed.name, state);
    touch?.(pipeline);
    own = pipeline.length;
    onReplies = params.finalise?.(pipeline, outcome);
  });
  onReplies?.(replies.slice(own));
  const failed = replies.slice(0, own).find(([err]) => err);
  if (failed?.[0]) throw failed[0];
  return outcome;
}

import type { ChainableCommander } from 'ioredis';
import { isSwError, SwError } from '../errors.js';
import { fetchFeed, type FetchResult } from '../feeds/fetch.js';
import { notAFeed } from '../feeds/not-a-feed.js';
import { parseFeed } from '../feeds/parse.js';
import {
  adoptConfigUrl,
  afterAnswer,
  afterFailure,
  reasonNotToPoll,
  youngUnseen,
} from '../feeds/poll-state.js';
import type { FeedItem } from '../feeds/types.js';
import { redactText, redactUrl } from '../logger.js';
import { FEED_LOCK_MS, queueSaveFeedState, withFeedLockAndState } from '../store/feed-state.js';
import type { FeedState, HeldFeedLock } from '../store/feed-state.js';
import { execWithScripts } from '../store/scripts.js';
import { peekUnseen, queueTouchSeen } from '../store/seen.js';
import { queuePollStats } from '../store/stats.js';
import { enqueueMatchJobs, matchItems, type MatchOutcome } from './match.js';
import type { PollDeps, PollLogger, PollOutcome, PolledFeed } from './poll-types.js';

export type {
  PollDefaults,
  PollDeps,
  PollLogger,
  PollOutcome,
  PollStatus,
  PolledFeed,
} from './poll-types.js';

const SILENT: PollLogger = { info: () => undefined, warn: () => undefined };

/**
 * One poll of one feed, top to bottom: lock the feed and read its state → fetch → parse → which
 * items are unseen → match them (or queue them for matching) → mark them seen, save the state
 * and the stats, release the lock (one round trip). What a feed can do wrong ends as a `failed`
 * outcome with a backoff; Redis or matching failing throws before anything is marked seen, so
 * the retried poll offers the same items (alert and job ids come from the story: harmless).
 */
export async function pollFeed(deps: PollDeps, feed: PolledFeed): Promise<PollOutcome> {
  const locked = await withFeedLockAndState(
    deps.redis,
    deps.prefix,
    feed.name,
    FEED_LOCK_MS,
    (held) => pollHeldFeed(deps, feed, held),
  );
  if (locked.held) return locked.value;
  return {
    status: 'locked',
    items: [],
    seenOld: 0,
    nextPollAt: null,
    lockedForMs: locked.remainingMs,
  };
}

async function pollHeldFeed(
  deps: PollDeps,
  feed: PolledFeed,
  held: HeldFeedLock,
): Promise<PollOutcome> {
  const now = deps.clock.now();
  const log = deps.logger ?? SILENT;
  // Redis keeps the configured URL redacted: a changed password alone is still the same feed.
  const state = adoptConfigUrl(held.state, redactUrl(feed.url));
  const notNow = reasonNotToPoll(state, now, deps.defaults.maxBackoff);
  if (notNow) return { ...notNow, items: [], seenOld: 0 };

  const url = state.permanentUrl ?? feed.url;
  const answer = await fetchAndParse(deps, feed, url, state);
  if ('failure' in answer) return failed(deps, feed, held, state, answer.failure, now);
  if (answer.fetched.permanentUrl) {
    state.permanentUrl = answer.fetched.permanentUrl;
    log.info(
      { feed: feed.name, from: redactUrl(url), to: redactUrl(state.permanentUrl) },
      'feed moved permanently; using the new URL',
    );
  }
  if (answer.kind === 'not-modified') {
    const saved = afterAnswer(state, now, feed.interval, { status: '304' });
    return finish(deps, feed, held, saved, {
      status: 'not-modified',
      items: [],
      seenOld: 0,
      nextPollAt: saved.nextPollAt!,
    });
  }
  const { fetched, parsed } = answer;
  if (parsed.malformed)
    log.warn(
      { feed: feed.name, url: redactUrl(url) },
      'feed is malformed; items recovered by the lenient parser',
    );

  const unseen = await peekUnseen(deps.redis, deps.prefix, feed.name, parsed.items);
  const resync = state.lastSuccess === undefined ? deps.resyncBefore?.() : undefined;
  const maxAge = feed.maxItemAge ?? deps.defaults.maxItemAge;
  const fresh = youngUnseen(parsed.items, unseen, now, maxAge, resync);
  const matched = await handOn(deps, feed.name, fresh.items, now);

  const saved = afterAnswer(state, now, feed.interval, {
    status: '200',
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    items: parsed.items.length,
  });
  const outcome: PollOutcome = {
    status: fresh.items.length > 0 ? 'new-items' : 'no-new',
    items: fresh.items,
    seenOld: fresh.seenOld,
    nextPollAt: saved.nextPollAt!,
    ...(parsed.malformed ? { malformed: true } : {}),
    ...(matched ? { matched } : {}),
  };
  return finish(deps, feed, held, saved, outcome, parsed.items);
}

type Answer =
  | { failure: SwError }
  | { kind: 'not-modified'; fetched: FetchResult }
  | {
      kind: 'ok';
      fetched: Extract<FetchResult, { kind: 'ok' }>;
      parsed: Awaited<ReturnType<typeof parseFeed>>;
    };

/** Failures that are not the feed's: the poll throws (and is retried) instead of backing off. */
const NOT_THE_FEEDS: ReadonlySet<string> = new Set(['REDIS_UNREACHABLE', 'STOPPED']);

/**
 * Fetch (conditional) and parse; the feed's own failures come back as `failure`, a 200 body that
 * is not a feed among them (it backs off like a 404).
 */
async function fetchAndParse(
  deps: PollDeps,
  feed: PolledFeed,
  url: string,
  state: FeedState,
): Promise<Answer> {
  let fetched: FetchResult | undefined;
  try {
    fetched = await fetchFeed(url, {
      configuredUrl: feed.url,
      ...(feed.headers ? { headers: feed.headers } : {}),
      ...(deps.defaults.fetchPolicy ? { policy: deps.defaults.fetchPolicy } : {}),
      maxBytes: deps.defaults.maxBytes,
      timeoutMs: deps.defaults.timeout,
      connectTimeoutMs: deps.defaults.connectTimeout,
      contact: deps.defaults.contact,
      etag: state.etag,
      lastModified: state.lastModified,
      clock: deps.clock,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (fetched.kind === 'not-modified') return { kind: 'not-modified', fetched };
    const parsed = await (deps.parse ?? parseFeed)(fetched.body, {
      contentType: fetched.contentType,
      baseUrl: fetched.url,
    });
    return { kind: 'ok', fetched, parsed };
  } catch (err) {
    if (!isSwError(err) || NOT_THE_FEEDS.has(err.code)) throw err;
    if (fetched?.kind === 'ok' && err.code === 'FEED_PARSE')
      return { failure: notAFeed(err, fetched) };
    return { failure: err };
  }
}

/** Matches the new items here, or queues them as match jobs. */
async function handOn(
  deps: PollDeps,
  feed: string,
  items: FeedItem[],
  polledAt: number,
): Promise<MatchOutcome | undefined> {
  if (items.length === 0 || !deps.next) return undefined;
  if ('match' in deps.next) return matchItems(deps.next.match, { feed, items, polledAt });
  await enqueueMatchJobs(deps.next.queue, { feed, items, polledAt });
  return undefined;
}

async function failed(
  deps: PollDeps,
  feed: PolledFeed,
  held: HeldFeedLock,
  state: FeedState,
  raw: SwError,
  now: number,
): Promise<PollOutcome> {
  // Shown on /feeds and kept in Redis: URLs in it are redacted whatever raised it.
  const err = redactedError(raw);
  const maxBackoff = deps.defaults.maxBackoff;
  const step = afterFailure(
    state,
    err,
    now,
    { interval: feed.interval, maxBackoff },
    deps.random ?? Math.random,
  );
  const error = { code: err.code, message: err.message };
  const log = deps.logger ?? SILENT;
  if (step.delayMs === null) {
    const gone = await finish(deps, feed, held, step.state, {
      status: 'gone',
      items: [],
      seenOld: 0,
      error,
      nextPollAt: null,
    });
    log.warn(
      { feed: feed.name, url: redactUrl(feed.url) },
      'feed is gone (HTTP 410); polling stopped until its URL changes',
    );
    return gone;
  }
  const consecutiveFailures = step.state.consecutiveFailures;
  const outcome = await finish(deps, feed, held, step.state, {
    status: 'failed',
    items: [],
    seenOld: 0,
    error,
    nextPollAt: step.state.nextPollAt!,
    consecutiveFailures,
  });
  log.warn(
    {
      feed: feed.name,
      code: err.code,
      failures: consecutiveFailures,
      retryInMs: step.delayMs,
      err: err.message,
    },
    'feed poll failed',
  );
  return outcome;
}

function redactedError(err: SwError): SwError {
  const message = redactText(err.message);
  if (message === err.message) return err;
  return new SwError(err.code, message, {
    cause: err,
    ...(err.details ? { details: err.details } : {}),
    ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
  });
}

/**
 * The poll's last round trip: the state, the document's items marked seen, the dashboard stats
 * and the lock's release. The state's or the marking's write failing fails the poll (the stats'
 * only logs); every write is idempotent, so the pipeline may be sent again after NOSCRIPT.
 */
async function finish(
  deps: PollDeps,
  feed: PolledFeed,
  held: HeldFeedLock,
  state: FeedState,
  outcome: PollOutcome,
  seen: readonly FeedItem[] = [],
): Promise<PollOutcome> {
  const { redis, prefix } = deps;
  const now = deps.clock.now();
  let own = 0;
  let onStats: (replies: [Error | null, unknown][]) => void = () => undefined;
  const replies = await execWithScripts(redis, (pipeline: ChainableCommander) => {
    queueSaveFeedState(pipeline, prefix, feed.name, state);
    queueTouchSeen(pipeline, prefix, feed.name, seen, now);
    own = pipeline.length;
    onStats = queuePollStats(
      { prefix, now, logger: deps.logger ?? SILENT },
      pipeline,
      feed.name,
      outcome.status,
      outcome.items.length,
    );
    held.queueRelease(pipeline);
  });
  onStats(replies.slice(own, -1));
  const failure = replies.slice(0, own).find(([err]) => err);
  if (failure?.[0]) throw failure[0];
  return outcome;
}

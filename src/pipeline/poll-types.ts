import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { FeedConfig } from '../config/schema.js';
import type { FetchPolicyOptions } from '../feeds/fetch-policy.js';
import type { parseFeed } from '../feeds/parse.js';
import type { PollStatus } from '../feeds/poll-state.js';
import type { FeedItem } from '../feeds/types.js';
import type { MatchJob } from '../queues/registry.js';
import type { StatsLogger } from '../store/stats.js';
import type { MatchDeps, MatchOutcome } from './match.js';

export type { PollStatus } from '../feeds/poll-state.js';

/** Poller settings every feed shares (a feed's own `maxItemAge` wins). */
export interface PollDefaults {
  /** Items published longer ago are marked seen and not matched. */
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
  /** Where feeds may connect (private networks, the daemon's own port). @defaultValue public only */
  fetchPolicy?: FetchPolicyOptions;
}

/** The slice of pino's logger the poll uses. */
export interface PollLogger extends StatsLogger {
  info(obj: object, msg?: string): void;
}

export interface PollDeps {
  redis: Redis;
  prefix: string;
  clock: Clock;
  defaults: PollDefaults;
  logger?: PollLogger;
  /** Source of jitter. @defaultValue Math.random */
  random?: () => number;
  /**
   * While it returns a time, a feed's first poll since Redis lost its data (no last success in
   * its state) alerts only items published after it; older and undated ones are marked seen.
   */
  resyncBefore?: () => number | undefined;
  /** Aborts an in-flight fetch when the daemon stops; the poll then throws STOPPED. */
  signal?: AbortSignal;
  /** Parses the fetched bytes, e.g. on a worker thread. @defaultValue parseFeed */
  parse?: typeof parseFeed;
  /**
   * Where new items go: `match` matches them here (one process runs both roles), `queue` adds
   * them as match jobs. Without either they are only returned (tools, benchmarks).
   */
  next?: { match: MatchDeps } | { queue: Pick<Queue<MatchJob>, 'addBulk'> };
}

export type PolledFeed = Pick<FeedConfig, 'name' | 'url' | 'interval'> & {
  maxItemAge?: number;
  /** Extra request headers (`feeds[].headers`). */
  headers?: Readonly<Record<string, string>>;
};

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
  /** Failures in a row, on a failed poll. */
  consecutiveFailures?: number;
  /** What matching here found (with `next.match`). */
  matched?: MatchOutcome;
  /** With `locked`: how long the other poller still holds the feed. */
  lockedForMs?: number;
}

import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { monotonicNow, type Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import { errorLine } from '../errors.js';
import type { Queues } from '../queues/factory.js';
import { clearFeedState, feedKey, parseFeedState, type FeedState } from '../store/feed-state.js';
import { MAX_RETRY_AFTER_MS } from '../feeds/poll-state.js';
import { safeJobId } from '../queues/registry.js';
import { checkDeployment, readMarker, writeMarker } from './data-loss.js';
import type { Metrics } from './metrics.js';
import {
  feedSchedulerId,
  feedSchedules,
  firstPolls,
  listSchedules,
  reconcileSchedules,
  restartSchedule,
  ScheduleFamily,
} from './schedules.js';

/** How long the feed's current backoff was set for (0 when none), within the longest possible. */
function backoffLength(state: FeedState, maxBackoff: number): number {
  if (state.backoffUntil === undefined || state.lastAttempt === undefined) return 0;
  const longest = Math.max(maxBackoff, MAX_RETRY_AFTER_MS);
  return Math.max(0, Math.min(state.backoffUntil - state.lastAttempt, longest));
}

/** Options of {@link createKeeper}. */
export interface KeeperOptions {
  config: Config;
  redis: Redis;
  queues: Pick<Queues, 'poll' | 'lists'>;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
}

/**
 * Keeps a poller alive through what Redis can lose: it checks the deployment against the data
 * folder (a wiped Redis is noticed and its re-offered items not re-alerted), restores the poll
 * and list schedules, forgets feeds that left the config, and watches that every enabled feed is
 * actually polled. Runs at start, on every Redis reconnect and on a timer.
 */
export interface Keeper {
  /** One pass; concurrent calls share the pass in flight. */
  tick(): Promise<void>;
  /** A feed reached: remembered on disk, so a later loss knows what was already seen. */
  notePoll(at: number): void;
  /** While set, a feed's first poll since a data loss alerts only items published after it. */
  resyncBefore(): number | undefined;
  /** Readiness checks: `true`, or why not. */
  checks(): Record<string, true | string>;
}

/** Polls noted within this are written to the marker together. */
const MARKER_WRITE_DELAY_MS = 1000;

export function createKeeper(options: KeeperOptions): Keeper {
  const { config, redis, queues, logger, clock } = options;
  const startedAt = clock.now();
  let resync: number | undefined;
  let lastPollAt: number | undefined;
  let written: number | undefined;
  let unscheduled: string[] = [];
  let overdue: string[] = [];
  let running: Promise<void> | undefined;
  let pendingWrite: NodeJS.Timeout | undefined;
  let firstDone = false;
  /** Per feed: the last attempt seen, and the monotonic time it was first seen. */
  const observed = new Map<string, { attempt: number | undefined; since: number }>();

  async function checkData(): Promise<void> {
    const found = await checkDeployment(redis, config.redis.prefix, config.dataDir, clock.now());
    resync = found.deployment.resyncBefore;
    if (found.lost) {
      logger.error(
        { resyncBefore: new Date(resync ?? clock.now()).toISOString() },
        'Redis lost this deployment’s data (seen items, feed state, delivery ledger); items published before resyncBefore are marked seen without alerting',
      );
    }
  }

  async function restoreSchedules(): Promise<void> {
    const feeds = await reconcileSchedules(queues.poll, ScheduleFamily.feed, feedSchedules(config));
    const lists = await reconcileSchedules(
      queues.lists,
      ScheduleFamily.list,
      listSchedules(config),
    );
    const restored = [...feeds.restored, ...lists.restored];
    // At first start every schedule is "restored"; later, one missing means Redis lost it.
    if (restored.length > 0 && clock.now() - startedAt > 1000)
      logger.warn({ schedules: restored }, 'schedules missing from Redis restored');
    for (const id of feeds.removed) {
      const feed = id.slice(ScheduleFamily.feed.length);
      await clearFeedState(redis, config.redis.prefix, feed);
      logger.info({ feed }, 'feed left the config: its schedule and state removed');
    }
    for (const id of lists.removed)
      logger.info({ scheduler: id }, 'removed the schedule of a list that left the config');
    unscheduled = [];
  }

  /** Every enabled feed's state, by name (one round trip). */
  async function readStates(): Promise<Map<string, FeedState>> {
    const enabled = config.feeds.filter((f) => f.enabled);
    const pipeline = redis.pipeline();
    for (const f of enabled) pipeline.hgetall(feedKey(config.redis.prefix, f.name, 'state'));
    const replies = (await pipeline.exec()) ?? [];
    return new Map(
      enabled.map((f, i) => [
        f.name,
        parseFeedState((replies[i]?.[1] ?? {}) as Record<string, string>),
      ]),
    );
  }

  /**
   * Feeds whose last attempt has not changed for three intervals plus their backoff, measured on
   * the monotonic clock from when this process saw it change: stored times are wall times, and a
   * wall clock stepped back would make every feed look recently polled.
   */
  function findOverdue(states: ReadonlyMap<string, FeedState>): void {
    const mono = monotonicNow(clock);
    overdue = config.feeds
      .filter((f) => {
        const state = states.get(f.name);
        if (!f.enabled || !state || state.gone) return false;
        const seen = observed.get(f.name);
        if (!seen || seen.attempt !== state.lastAttempt) {
          observed.set(f.name, { attempt: state.lastAttempt, since: mono });
          return false;
        }
        return mono - seen.since > 3 * f.interval + backoffLength(state, config.poller.maxBackoff);
      })
      .map((f) => f.name);
    options.metrics.feedsOverdue.set(overdue.length);
  }

  /** Restarts the schedule of each overdue feed and polls it now; logged once per restart. */
  async function kickOverdue(): Promise<void> {
    const specs = new Map(feedSchedules(config).map((s) => [s.id, s]));
    for (const feed of overdue) {
      const spec = specs.get(feedSchedulerId(feed));
      const seen = observed.get(feed);
      if (!spec || !seen) continue;
      // A held poll lock means a poll is under way, or a dead poller's lock has yet to lapse:
      // either way the schedule is not what stalls, and restarting it would only churn.
      if ((await redis.exists(feedKey(config.redis.prefix, feed, 'lock'))) === 1) continue;
      await restartSchedule(queues.poll, spec, safeJobId('kick', feed, String(clock.now())));
      // The next kick, if this one does not help either, is another overdue period away.
      seen.since = monotonicNow(clock);
      logger.warn(
        { feed },
        'feed not polled for 3 intervals (lost job or clock step): schedule restarted and a poll queued',
      );
    }
  }

  /** Polls every feed that is due within the first minute, not most of an interval later. */
  async function queueFirstPolls(states: ReadonlyMap<string, FeedState>): Promise<void> {
    const planned = firstPolls(config.feeds, states, clock.now());
    const minute = String(Math.floor(startedAt / 60_000));
    await queues.poll.addBulk(
      planned.map((p) => ({
        name: 'poll',
        data: { feed: p.feed },
        // Pollers started within the same minute queue one start-up poll per feed.
        opts: { delay: p.delayMs, jobId: safeJobId('first', p.feed, minute) },
      })),
    );
    firstDone = true;
  }

  async function rememberPolls(): Promise<void> {
    if (lastPollAt === undefined || lastPollAt === written) return;
    const marker = await readMarker(config.dataDir, config.redis.prefix);
    if (!marker) return;
    await writeMarker(config.dataDir, config.redis.prefix, { ...marker, lastPollAt });
    written = lastPollAt;
  }

  async function pass(): Promise<void> {
    try {
      await checkData();
      await restoreSchedules();
      const states = await readStates();
      if (!firstDone) await queueFirstPolls(states);
      findOverdue(states);
      await kickOverdue();
      await rememberPolls();
    } catch (err) {
      // Redis down or refusing writes: readiness already says so; the next pass retries.
      unscheduled = ['unknown: ' + errorLine(err)];
      logger.debug({ err: errorLine(err) }, 'keeper pass incomplete');
    }
  }

  return {
    tick() {
      running ??= pass().finally(() => (running = undefined));
      return running;
    },
    notePoll(at) {
      lastPollAt = Math.max(lastPollAt ?? 0, at);
      // Soon on disk: an item alerted after the last write and before a loss would alert again.
      if (pendingWrite) return;
      pendingWrite = setTimeout(() => {
        pendingWrite = undefined;
        void rememberPolls().catch((err: unknown) =>
          logger.warn(
            { err: errorLine(err), dataDir: config.dataDir },
            'cannot write the deployment marker',
          ),
        );
      }, MARKER_WRITE_DELAY_MS);
      pendingWrite.unref();
    },
    resyncBefore() {
      if (resync === undefined || clock.now() - resync > config.maxItemAge) return undefined;
      return resync;
    },
    checks() {
      return {
        schedules: unscheduled.length === 0 || `not verified: ${unscheduled.join(', ')}`,
        polling: overdue.length === 0 || `not polled for 3 intervals: ${overdue.join(', ')}`,
      };
    },
  };
}

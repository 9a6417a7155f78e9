import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLedger, type Ledger, type RecentAlert } from '../../store/ledger.js';
import {
  readAlertsPerDay,
  readFeedPollCounts,
  readItemsPerHour,
  type Bucket,
} from '../../store/stats.js';
import type { Clock } from '../../clock.js';
import { redactUrl } from '../../logger.js';
import { JOB_STATES } from '../../queues/registry.js';
import { loadFeedState, type FeedState } from '../../store/feed-state.js';

/** What the dashboard reads from; all of it is already built by createApp. */
export interface DashboardDeps {
  /** Producer connection (reads only). */
  redis: Redis;
  /** The config's `redis.prefix`. */
  prefix: string;
  /** Configured feeds, in config order. */
  feeds: readonly { name: string; url: string }[];
  /** Categories the routes alert on, offered as filters even before any alert. */
  categories?: readonly string[];
  /** The queues whose depths `/queues` shows. */
  queues: readonly Queue[];
  clock: Clock;
}

/** Alerts the list page scans for its filters; the ledger keeps them for `alerts.retention`. */
export const SCAN_LIMIT = 500;
/** Alerts shown on the list page. */
export const SHOW_LIMIT = 100;

export interface AlertFilters {
  category?: string;
  watchlist?: string;
}

export interface AlertList {
  alerts: RecentAlert[];
  /** Alerts matching the filters among the scanned ones (may exceed `alerts.length`). */
  total: number;
  categories: string[];
  watchlists: string[];
}

/** The watchlists whose entries an alert matched (vocabulary terms are not watchlists). */
export function watchlistsOf(entry: RecentAlert): string[] {
  return [
    ...new Set(entry.alert.matches.filter((m) => m.kind === 'entity').map((m) => m.list)),
  ].sort();
}

export function createDashboardData(deps: DashboardDeps) {
  const ledger: Ledger = createLedger({ redis: deps.redis, prefix: deps.prefix });

  return {
    async alerts(filters: AlertFilters): Promise<AlertList> {
      const recent = await ledger.recent(SCAN_LIMIT);
      const categories = new Set(deps.categories ?? []);
      const watchlists = new Set<string>();
      for (const r of recent) {
        for (const c of r.alert.categories) categories.add(c);
        for (const w of watchlistsOf(r)) watchlists.add(w);
      }
      const kept = recent.filter(
        (r) =>
          (!filters.category || r.alert.categories.includes(filters.category)) &&
          (!filters.watchlist || watchlistsOf(r).includes(filters.watchlist)),
      );
      return {
        alerts: kept.slice(0, SHOW_LIMIT),
        total: kept.length,
        categories: [...categories].sort(),
        watchlists: [...watchlists].sort(),
      };
    },

    /** One alert by id, among those the ledger still keeps. */
    async alert(id: string): Promise<RecentAlert | undefined> {
      return ledger.get(id);
    },

    async charts(): Promise<{ itemsPerHour: Bucket[]; alertsPerDay: Bucket[] }> {
      const now = deps.clock.now();
      const [itemsPerHour, alertsPerDay] = await Promise.all([
        readItemsPerHour(deps.redis, deps.prefix, now),
        readAlertsPerDay(deps.redis, deps.prefix, now),
      ]);
      return { itemsPerHour, alertsPerDay };
    },

    async feeds(): Promise<FeedHealth[]> {
      const [states, counts] = await Promise.all([
        Promise.all(deps.feeds.map((f) => loadFeedState(deps.redis, deps.prefix, f.name))),
        readFeedPollCounts(deps.redis, deps.prefix),
      ]);
      return deps.feeds.map((f, i) => {
        const c = counts.get(f.name);
        return {
          name: f.name,
          // The configured URL may carry a password or a token: the page shows it redacted.
          url: redactUrl(f.url),
          state: states[i],
          polls: c?.polls ?? 0,
          notModifiedShare: c && c.polls > 0 ? c.notModified / c.polls : undefined,
        };
      });
    },

    async queues(): Promise<QueueHealth[]> {
      const now = deps.clock.now();
      return Promise.all(
        deps.queues.map(async (q) => {
          const counts = await q.getJobCounts(...JOB_STATES);
          // Finished sets are scored by finish time, so a range count gives recent throughput.
          const [lastMinute, lastHour, failedLastHour] = await Promise.all([
            deps.redis.zcount(q.toKey('completed'), now - 60_000, '+inf'),
            deps.redis.zcount(q.toKey('completed'), now - 3_600_000, '+inf'),
            deps.redis.zcount(q.toKey('failed'), now - 3_600_000, '+inf'),
          ]);
          return { name: q.name, counts, lastMinute, lastHour, failedLastHour };
        }),
      );
    },
  };
}

export type DashboardData = ReturnType<typeof createDashboardData>;

export interface FeedHealth {
  name: string;
  url: string;
  state: FeedState;
  /** Polls that made a request, as counted by the dashboard stats. */
  polls: number;
  /** Share of those answered 304 Not Modified; undefined before the first poll. */
  notModifiedShare?: number;
}

export interface QueueHealth {
  name: string;
  counts: Record<string, number>;
  /** Jobs completed in the last minute / hour (among those still retained). */
  lastMinute: number;
  lastHour: number;
  failedLastHour: number;
}

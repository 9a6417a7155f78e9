import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The project's metrics, registered on their own registry (no global state, so tests can make many). */
export interface Metrics {
  readonly registry: Registry;
  /** Polls per feed; `outcome` is `ok`, `not_modified` or `error`. */
  readonly feedPolls: Counter<'feed' | 'outcome'>;
  /** New items found per feed. */
  readonly feedItems: Counter<'feed'>;
  /** Failed polls per feed and error code (`FEED_TIMEOUT`, …). */
  readonly feedErrors: Counter<'feed' | 'code'>;
  /** Failures in a row per feed; 0 after a success. */
  readonly feedConsecutiveFailures: Gauge<'feed'>;
  readonly feedsOverdue: Gauge;
  /** Items with at least one watchlist match. */
  readonly itemsMatched: Counter<string>;
  /** Items flagged, per category. */
  readonly itemsFlagged: Counter<'category'>;
  /** Alerts created, per category. */
  readonly alertsCreated: Counter<'category'>;
  /** Delivery attempts per channel; `outcome` is `delivered`, `retry` or `failed`. */
  readonly deliveries: Counter<'channel' | 'outcome'>;
  /** Seconds from alert creation to delivery, per channel. */
  readonly deliveryLatency: Histogram<'channel'>;
  /** Delivery attempts that will be retried, per channel. */
  readonly deliveryRetries: Counter<'channel'>;
}

/** Creates a registry with process metrics and the project's counters. Labels are config names and codes only. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    feedPolls: new Counter({
      name: 'sanctionwatch_feed_polls_total',
      help: 'Feed polls by outcome',
      labelNames: ['feed', 'outcome'],
      registers,
    }),
    feedItems: new Counter({
      name: 'sanctionwatch_feed_items_total',
      help: 'New feed items seen',
      labelNames: ['feed'],
      registers,
    }),
    feedErrors: new Counter({
      name: 'sanctionwatch_feed_errors_total',
      help: 'Failed feed polls by error code',
      labelNames: ['feed', 'code'],
      registers,
    }),
    feedConsecutiveFailures: new Gauge({
      name: 'sanctionwatch_feed_consecutive_failures',
      help: 'Failed polls in a row per feed',
      labelNames: ['feed'],
      registers,
    }),
    feedsOverdue: new Gauge({
      name: 'sanctionwatch_feeds_overdue',
      help: 'Enabled feeds not polled for three intervals (past any backoff); /readyz fails while above 0',
      registers,
    }),
    itemsMatched: new Counter({
      name: 'sanctionwatch_items_matched_total',
      help: 'Items with at least one watchlist match',
      registers,
    }),
    itemsFlagged: new Counter({
      name: 'sanctionwatch_items_flagged_total',
      help: 'Items flagged, by category',
      labelNames: ['category'],
      registers,
    }),
    alertsCreated: new Counter({
      name: 'sanctionwatch_alerts_created_total',
      help: 'Alerts created, by category',
      labelNames: ['category'],
      registers,
    }),
    deliveries: new Counter({
      name: 'sanctionwatch_deliveries_total',
      help: 'Alert delivery attempts by outcome',
      labelNames: ['channel', 'outcome'],
      registers,
    }),
    deliveryLatency: new Histogram({
      name: 'sanctionwatch_delivery_latency_seconds',
      help: 'Seconds from alert creation to delivery',
      labelNames: ['channel'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    }),
    deliveryRetries: new Counter({
      name: 'sanctionwatch_delivery_retries_total',
      help: 'Delivery attempts to be retried',
      labelNames: ['channel'],
      registers,
    }),
  };
}

/** Job counts per queue and state, e.g. `{ items: { waiting: 3, failed: 1 } }`. */
export type QueueCounts = Record<string, Record<string, number>>;

export const QUEUE_JOBS_METRIC = 'bullmq_jobs';

/**
 * Adds the gauge `bullmq_jobs{queue,state}`, read from Redis at scrape time. When the counts
 * cannot be read (Redis down) the gauge is left empty for that scrape rather than failing it,
 * so process metrics stay visible while `/readyz` reports the outage.
 */
export function collectQueueCounts(
  target: Registry | Metrics,
  getCounts: () => Promise<QueueCounts>,
): Gauge<'queue' | 'state'> {
  const registry = target instanceof Registry ? target : target.registry;
  registry.removeSingleMetric(QUEUE_JOBS_METRIC);
  return new Gauge({
    name: QUEUE_JOBS_METRIC,
    help: 'BullMQ jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      let counts: QueueCounts;
      try {
        counts = await getCounts();
      } catch {
        return;
      }
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
      }
    },
  });
}

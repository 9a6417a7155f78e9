import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { execWithScripts, queueScript, runScript } from './scripts.js';
import type { Alert } from '../alerts/types.js';

export interface LedgerOptions {
  redis: Redis;
  /** Key prefix (the config's `redis.prefix`). */
  prefix: string;
  /** @defaultValue systemClock */
  clock?: Clock;
  /** How long a delivered mark is kept; longer than any job retention. @defaultValue 180 days */
  retentionMs?: number;
  /** In-flight lock lifetime; longer than any channel timeout. @defaultValue 120000 */
  lockMs?: number;
  /** How long an alert stays in `alerts recent` and the dashboard (`alerts.retention`). @defaultValue 30 days */
  recentAgeMs?: number;
  /**
   * Most alerts kept for `alerts recent`, a bound on memory only: alerts leave by age, so a
   * flood from one feed does not push the others out. @defaultValue 100000
   */
  recentMax?: number;
}

/** State of one alert on one channel, as `alerts recent` shows it. */
export interface DeliveryStatus {
  state: 'delivered' | 'failed';
  /** ISO time. */
  at: string;
  error?: string;
  /** Id of the summary the alert went out in (flood control), when it was not sent alone. */
  summary?: string;
}

export interface RecentAlert {
  alert: Alert;
  deliveries: Record<string, DeliveryStatus>;
}

export interface Ledger {
  readonly prefix: string;
  /** True once its Redis connection was closed on purpose (the process is stopping). */
  readonly closed: boolean;
  isDelivered(channel: string, alertId: string): Promise<boolean>;
  /** Marks the alert delivered on the channel; false when it already was. */
  markDelivered(channel: string, alertId: string): Promise<boolean>;
  /**
   * Takes the in-flight lock for `ttlMs` (default: the ledger's `lockMs`); returns its token, or
   * undefined when another holder has it.
   */
  acquire(channel: string, alertId: string, ttlMs?: number): Promise<string | undefined>;
  /** Extends a lock this token still holds by `ttlMs`; false when it is no longer held. */
  extend(channel: string, alertId: string, token: string, ttlMs: number): Promise<boolean>;
  /** Remaining lock time, ms (0 when free). */
  lockRemainingMs(channel: string, alertId: string): Promise<number>;
  release(channel: string, alertId: string, token: string): Promise<void>;
  /** Records the alert for `alerts recent`; false when it was already recorded. */
  recordAlert(alert: Alert): Promise<boolean>;
  /** Records many alerts as {@link Ledger.recordAlert} does, in one round trip. */
  recordAlerts(alerts: readonly Alert[]): Promise<void>;
  /** The ids among `alertIds` already delivered on the channel. */
  deliveredAmong(channel: string, alertIds: readonly string[]): Promise<Set<string>>;
  /**
   * Marks the alerts delivered on the channel as part of the summary `summaryId`, with that in
   * their delivery state, in one round trip; idempotent.
   */
  markInSummary(
    channel: string,
    alertIds: readonly string[],
    summaryId: string,
    at: string,
  ): Promise<void>;
  /** Records the alert's state on a channel, kept only while the alert is among the recent ones. */
  recordDelivery(alertId: string, channel: string, status: DeliveryStatus): Promise<void>;
  /** Latest alerts first. */
  recent(limit: number): Promise<RecentAlert[]>;
  /** One alert of the recent log by id, with its delivery states; undefined once trimmed. */
  get(alertId: string): Promise<RecentAlert | undefined>;
  /**
   * In one round trip: the delivered check and the in-flight lock for `ttlMs`, after recording
   * `record` (if given) as {@link Ledger.recordAlert} does.
   */
  begin(channel: string, alertId: string, ttlMs: number, record?: Alert): Promise<BeginResult>;
  /**
   * In one round trip: marks delivered, records the delivered state and releases the lock this
   * token holds; false when it was already marked.
   */
  finish(channel: string, alertId: string, token: string, at: string): Promise<boolean>;
}

/** What {@link Ledger.begin} found. */
export type BeginResult =
  | { state: 'delivered' }
  | { state: 'locked'; retryAfterMs: number }
  | { state: 'acquired'; token: string };

/** Per-channel delivered marks, in-flight locks and the recent-alerts log, in Redis. */
export function createLedger(options: LedgerOptions): Ledger {
  const { redis, prefix } = options;
  const clock = options.clock ?? systemClock;
  const retentionMs = options.retentionMs ?? 180 * 86_400_000;
  const lockMs = options.lockMs ?? 120_000;
  const recentMax = options.recentMax ?? 100_000;
  const recentAgeMs = options.recentAgeMs ?? 30 * 86_400_000;
  const k = {
    delivered: (channel: string) => `${prefix}:ledger:delivered:${channel}`,
    lock: (channel: string, id: string) => `${prefix}:ledger:lock:${channel}:${id}`,
    recent: `${prefix}:ledger:recent`,
    data: `${prefix}:ledger:alerts`,
    statuses: `${prefix}:ledger:statuses`,
  };

  const recordArgs = (alert: Alert) => {
    const score = Date.parse(alert.createdAt);
    return [
      Number.isNaN(score) ? clock.now() : score,
      JSON.stringify(alert),
      recentMax,
      k.statuses,
      recentAgeMs,
    ] as const;
  };

  return {
    prefix,
    get closed() {
      return redis.status === 'end';
    },
    async isDelivered(channel, alertId) {
      return (await redis.zscore(k.delivered(channel), alertId)) !== null;
    },
    async markDelivered(channel, alertId) {
      const now = clock.now();
      const [[, added]] = (await redis
        .multi()
        .zadd(k.delivered(channel), 'NX', now, alertId)
        .zremrangebyscore(k.delivered(channel), '-inf', now - retentionMs)
        .exec()) as [[Error | null, number]];
      return added === 1;
    },
    async acquire(channel, alertId, ttlMs = lockMs) {
      const token = randomUUID();
      const ok = await redis.set(k.lock(channel, alertId), token, 'PX', ttlMs, 'NX');
      return ok === 'OK' ? token : undefined;
    },
    async extend(channel, alertId, token, ttlMs) {
      return (
        (await runScript(redis, 'lockExtend', [k.lock(channel, alertId)], [token, ttlMs])) === 1
      );
    },
    async lockRemainingMs(channel, alertId) {
      return Math.max(0, await redis.pttl(k.lock(channel, alertId)));
    },
    async release(channel, alertId, token) {
      await runScript(redis, 'lockRelease', [k.lock(channel, alertId)], [token]);
    },
    async recordAlert(alert) {
      const added = await runScript(
        redis,
        'ledgerRecord',
        [k.recent, k.data],
        [alert.id, ...recordArgs(alert)],
      );
      return added === 1;
    },
    async recordAlerts(alerts) {
      if (alerts.length === 0) return;
      const replies = await execWithScripts(redis, (pipeline) => {
        for (const a of alerts)
          queueScript(pipeline, 'ledgerRecord', [k.recent, k.data], [a.id, ...recordArgs(a)]);
      });
      const failed = replies.find(([err]) => err);
      if (failed?.[0]) throw failed[0];
    },
    async deliveredAmong(channel, alertIds) {
      const found = new Set<string>();
      for (let i = 0; i < alertIds.length; i += 1000) {
        const ids = alertIds.slice(i, i + 1000);
        const scores = await redis.zmscore(k.delivered(channel), ...ids);
        ids.forEach((id, j) => scores[j] !== null && found.add(id));
      }
      return found;
    },
    async markInSummary(channel, alertIds, summaryId, at) {
      if (alertIds.length === 0) return;
      const now = clock.now();
      const state = JSON.stringify({
        state: 'delivered',
        at,
        summary: summaryId,
      } satisfies DeliveryStatus);
      const replies = await execWithScripts(redis, (pipeline) => {
        for (const id of alertIds) {
          // ledgerFinish with no token: marks and records, and leaves any lock to its holder.
          queueScript(
            pipeline,
            'ledgerFinish',
            [k.delivered(channel), k.recent, k.statuses, k.lock(channel, id)],
            [id, now, now - retentionMs, channel, state, ''],
          );
        }
      });
      const failed = replies.find(([err]) => err);
      if (failed?.[0]) throw failed[0];
    },
    async begin(channel, alertId, ttlMs, record) {
      const token = randomUUID();
      const r = Number(
        await runScript(
          redis,
          'ledgerBegin',
          [k.delivered(channel), k.lock(channel, alertId), k.recent, k.data],
          [alertId, token, ttlMs, ...(record ? recordArgs(record) : [])],
        ),
      );
      if (r === -1) return { state: 'delivered' };
      if (r === -2) return { state: 'acquired', token };
      return { state: 'locked', retryAfterMs: r };
    },
    async finish(channel, alertId, token, at) {
      const now = clock.now();
      const added = await runScript(
        redis,
        'ledgerFinish',
        [k.delivered(channel), k.recent, k.statuses, k.lock(channel, alertId)],
        [
          alertId,
          now,
          now - retentionMs,
          channel,
          JSON.stringify({ state: 'delivered', at } satisfies DeliveryStatus),
          token,
        ],
      );
      return added === 1;
    },
    async recordDelivery(alertId, channel, status) {
      await runScript(
        redis,
        'ledgerRecordDelivery',
        [k.recent, k.statuses],
        [alertId, channel, JSON.stringify(status)],
      );
    },
    async get(alertId) {
      const [json, raw] = await Promise.all([
        redis.hget(k.data, alertId),
        redis.hget(k.statuses, alertId),
      ]);
      if (!json) return undefined;
      return { alert: JSON.parse(json) as Alert, deliveries: parseStatuses(raw) };
    },
    async recent(limit) {
      const ids = await redis.zrevrange(k.recent, 0, Math.max(0, limit - 1));
      if (ids.length === 0) return [];
      const [datas, statuses] = await Promise.all([
        redis.hmget(k.data, ...ids),
        redis.hmget(k.statuses, ...ids),
      ]);
      const out: RecentAlert[] = [];
      ids.forEach((_id, i) => {
        const json = datas[i];
        if (!json) return;
        out.push({ alert: JSON.parse(json) as Alert, deliveries: parseStatuses(statuses[i]) });
      });
      return out;
    },
  };
}

/** The statuses hash's value for one alert: channel → state, or nothing yet. */
function parseStatuses(raw: string | null | undefined): Record<string, DeliveryStatus> {
  return raw ? (JSON.parse(raw) as Record<string, DeliveryStatus>) : {};
}

import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { errorLine } from '../errors.js';
import { transient } from './channels/errors.js';
import type { Alert, Channel, DeliveryOutcome } from './types.js';

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
  /** Alerts kept for `alerts recent`. @defaultValue 1000 */
  recentMax?: number;
}

/** State of one alert on one channel, as `alerts recent` shows it. */
export interface DeliveryStatus {
  state: 'delivered' | 'failed';
  /** ISO time. */
  at: string;
  error?: string;
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

const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

// Adds the alert once, then trims the oldest beyond the cap (their data and delivery states
// too: only `recent` reads them, so a state outliving its alert would be kept for nothing).
// The state keys share the prefix, hence the hash tag and slot, of KEYS.
const RECORD_FN = `
local function record(recent, data, id, score, json, max, statusPrefix)
  if redis.call('ZADD', recent, 'NX', score, id) == 0 then return 0 end
  redis.call('HSET', data, id, json)
  max = tonumber(max)
  local n = redis.call('ZCARD', recent)
  if n > max then
    local old = redis.call('ZRANGE', recent, 0, n - max - 1)
    redis.call('ZREMRANGEBYRANK', recent, 0, n - max - 1)
    for _, old_id in ipairs(old) do
      redis.call('HDEL', data, old_id)
      redis.call('DEL', statusPrefix .. old_id)
    end
  end
  return 1
end
`;
const RECORD = `${RECORD_FN}
return record(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])`;

// KEYS: delivered, lock, recent, data. ARGV: id, token, ttl, [score, json, max, statusPrefix].
// Returns -1 when delivered, -2 when acquired, else the lock's remaining ms (at least 1).
const BEGIN = `${RECORD_FN}
if ARGV[4] then record(KEYS[3], KEYS[4], ARGV[1], ARGV[4], ARGV[5], ARGV[6], ARGV[7]) end
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
if redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3], 'NX') then return -2 end
local left = redis.call('PTTL', KEYS[2])
if left < 1 then return 1 end
return left`;

// KEYS: delivered, recent, status, lock. ARGV: id, now, retention cutoff, channel, state json,
// status ttl, token. Idempotent, so a retry after a lost reply does no harm.
const FINISH = `
local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
end
if redis.call('GET', KEYS[4]) == ARGV[7] then redis.call('DEL', KEYS[4]) end
return added`;

// Records a delivery state only while the alert is among the recent ones, so a late retry of a
// trimmed alert leaves no state behind.
const RECORD_DELIVERY = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1`;

// EVALSHA, falling back to EVAL once Redis lost its script cache (a restart): sending the
// scripts' text with every call cost as much socket time as the rest of the ledger.
const sha1 = (body: string) => createHash('sha1').update(body).digest('hex');
const SHAS = new Map<string, string>();
async function run(redis: Redis, body: string, keys: number, ...args: (string | number)[]) {
  let sha = SHAS.get(body);
  if (sha === undefined) SHAS.set(body, (sha = sha1(body)));
  try {
    return await redis.evalsha(sha, keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return redis.eval(body, keys, ...args);
  }
}

/** Per-channel delivered marks, in-flight locks and the recent-alerts log, in Redis. */
export function createLedger(options: LedgerOptions): Ledger {
  const { redis, prefix } = options;
  const clock = options.clock ?? systemClock;
  const retentionMs = options.retentionMs ?? 180 * 86_400_000;
  const lockMs = options.lockMs ?? 120_000;
  const recentMax = options.recentMax ?? 1000;
  const k = {
    delivered: (channel: string) => `${prefix}:ledger:delivered:${channel}`,
    lock: (channel: string, id: string) => `${prefix}:ledger:lock:${channel}:${id}`,
    recent: `${prefix}:ledger:recent`,
    data: `${prefix}:ledger:alerts`,
    status: (id: string) => `${prefix}:ledger:status:${id}`,
  };

  const recordArgs = (alert: Alert) => {
    const score = Date.parse(alert.createdAt);
    return [
      Number.isNaN(score) ? clock.now() : score,
      JSON.stringify(alert),
      recentMax,
      k.status(''),
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
      return (await run(redis, EXTEND, 1, k.lock(channel, alertId), token, ttlMs)) === 1;
    },
    async lockRemainingMs(channel, alertId) {
      return Math.max(0, await redis.pttl(k.lock(channel, alertId)));
    },
    async release(channel, alertId, token) {
      await run(redis, RELEASE, 1, k.lock(channel, alertId), token);
    },
    async recordAlert(alert) {
      const added = await run(redis, RECORD, 2, k.recent, k.data, alert.id, ...recordArgs(alert));
      return added === 1;
    },
    async begin(channel, alertId, ttlMs, record) {
      const token = randomUUID();
      const r = Number(
        await run(
          redis,
          BEGIN,
          4,
          k.delivered(channel),
          k.lock(channel, alertId),
          k.recent,
          k.data,
          alertId,
          token,
          ttlMs,
          ...(record ? recordArgs(record) : []),
        ),
      );
      if (r === -1) return { state: 'delivered' };
      if (r === -2) return { state: 'acquired', token };
      return { state: 'locked', retryAfterMs: r };
    },
    async finish(channel, alertId, token, at) {
      const now = clock.now();
      const added = await run(
        redis,
        FINISH,
        4,
        k.delivered(channel),
        k.recent,
        k.status(alertId),
        k.lock(channel, alertId),
        alertId,
        now,
        now - retentionMs,
        channel,
        JSON.stringify({ state: 'delivered', at } satisfies DeliveryStatus),
        retentionMs,
        token,
      );
      return added === 1;
    },
    async recordDelivery(alertId, channel, status) {
      await run(
        redis,
        RECORD_DELIVERY,
        2,
        k.recent,
        k.status(alertId),
        alertId,
        channel,
        JSON.stringify(status),
        retentionMs,
      );
    },
    async get(alertId) {
      const [json, raw] = await Promise.all([
        redis.hget(k.data, alertId),
        redis.hgetall(k.status(alertId)),
      ]);
      if (!json) return undefined;
      return { alert: JSON.parse(json) as Alert, deliveries: parseStatuses(raw) };
    },
    async recent(limit) {
      const ids = await redis.zrevrange(k.recent, 0, Math.max(0, limit - 1));
      if (ids.length === 0) return [];
      const datas = await redis.hmget(k.data, ...ids);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(k.status(id));
      const statuses = (await pipeline.exec()) ?? [];
      const out: RecentAlert[] = [];
      ids.forEach((_id, i) => {
        const json = datas[i];
        if (!json) return;
        const raw = (statuses[i]?.[1] ?? {}) as Record<string, string>;
        out.push({ alert: JSON.parse(json) as Alert, deliveries: parseStatuses(raw) });
      });
      return out;
    },
  };
}

function parseStatuses(raw: Record<string, string>): Record<string, DeliveryStatus> {
  const deliveries: Record<string, DeliveryStatus> = {};
  for (const [channel, value] of Object.entries(raw))
    deliveries[channel] = JSON.parse(value) as DeliveryStatus;
  return deliveries;
}

export interface DeliverWithLedgerInput {
  ledger: Ledger;
  channel: Channel;
  alert: Alert;
  clock?: Clock;
  /** In-flight lock lifetime, renewed every third of it while the send runs. @defaultValue 30000 */
  lockMs?: number;
  /** Also records the alert for `alerts recent` (in the same round trip as the lock). */
  recordAlert?: boolean;
}

/**
 * Delivers at most once per channel: skips what the ledger marks delivered, and an in-flight
 * lock keeps two workers from sending the same alert at once (the loser retries later).
 * A crash between sending and marking can still repeat one send; receivers fold it by alert id.
 */
export async function deliverWithLedger(input: DeliverWithLedgerInput): Promise<DeliveryOutcome> {
  const { ledger, channel, alert } = input;
  const clock = input.clock ?? systemClock;
  // A short lock kept alive while sending: a worker killed mid-send frees the alert within
  // lockMs, instead of parking its retry behind a lock sized for the slowest channel.
  const lockMs = input.lockMs ?? 30_000;
  // The delivered check and the lock are one atomic step, so no second check under the lock.
  const begun = await ledger.begin(
    channel.name,
    alert.id,
    lockMs,
    input.recordAlert ? alert : undefined,
  );
  if (begun.state === 'delivered') return 'already-delivered';
  if (begun.state === 'locked') {
    throw transient(
      `${channel.type} ${channel.name}: alert ${alert.id} is being delivered by another worker`,
      {
        retryAfterMs: begun.retryAfterMs,
        details: { channel: channel.name, alertId: alert.id, inFlight: true },
      },
    );
  }
  const { token } = begun;
  const renew = setInterval(
    () => void ledger.extend(channel.name, alert.id, token, lockMs).catch(() => undefined),
    lockMs / 3,
  );
  let released = false;
  try {
    try {
      await channel.deliver(alert);
    } catch (err) {
      await ledger
        .recordDelivery(alert.id, channel.name, {
          state: 'failed',
          at: new Date(clock.now()).toISOString(),
          error: errorLine(err),
        })
        .catch(() => undefined);
      throw err;
    }
    clearInterval(renew);
    // The peer has it: keep trying to record that through a short Redis outage (within the
    // lock's lifetime), or the job's retry would send it a second time. The same step records
    // the state and releases the lock.
    const at = new Date(clock.now()).toISOString();
    await retryWithin(
      () => ledger.finish(channel.name, alert.id, token, at),
      lockMs,
      () => ledger.closed,
    );
    released = true;
    return 'delivered';
  } finally {
    clearInterval(renew);
    if (!released) await ledger.release(channel.name, alert.id, token).catch(() => undefined);
  }
}

// Retries while Redis is away; gives up at once when the connection was closed on purpose, so
// a stopping process is not held open (its job is then retried as a stalled one).
async function retryWithin<T>(
  op: () => Promise<T>,
  withinMs: number,
  closed: () => boolean,
): Promise<T> {
  const until = Date.now() + withinMs;
  for (let wait = 200; ; wait = Math.min(wait * 2, 2000)) {
    try {
      return await op();
    } catch (err) {
      if (closed() || Date.now() + wait > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
  }
}

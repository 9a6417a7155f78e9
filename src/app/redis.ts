import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { SwError } from '../errors.js';
import { redactUrl } from '../logger.js';
import { withTimeout } from '../deadline.js';

export type RedisRole = 'worker' | 'producer';

/**
 * Workers block on Redis and must wait out outages (`maxRetriesPerRequest: null`); producers,
 * such as the HTTP server and CLI commands, fail fast instead of hanging.
 */
export function redisOptions(role: RedisRole): RedisOptions {
  const base: RedisOptions = {
    lazyConnect: true,
    enableReadyCheck: true,
    connectTimeout: 5000,
    // Reconnect forever with a capped delay; outages must not need a restart.
    retryStrategy: (times) => Math.min(200 * times, 5000),
  };
  return role === 'worker'
    ? { ...base, maxRetriesPerRequest: null }
    : { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: true };
}

/**
 * One connection to `url`, or with `cluster` a Redis Cluster client seeded by that node.
 *
 * A cluster client is returned typed as {@link Redis}: the app only uses commands, pipelines,
 * MULTI, EVAL, `status`, `connect` and connection events, which ioredis's `Cluster` offers with
 * the same signatures (routing each to the node of its slot, following failovers), and BullMQ
 * takes either. Typing every module against `Redis | Cluster` would change no behaviour.
 */
export function createRedis(url: string, role: RedisRole, cluster = false): Redis {
  if (!cluster) return new Redis(url, redisOptions(role));
  const { lazyConnect, enableReadyCheck, retryStrategy, ...perNode } = redisOptions(role);
  const client = new Cluster([url], {
    lazyConnect,
    enableReadyCheck,
    // Per-node connections keep ioredis's default of not reconnecting: a node lost in a failover
    // is replaced by a slot refresh (its replica), and only the whole client retries forever.
    clusterRetryStrategy: retryStrategy,
    enableOfflineQueue: true,
    redisOptions: { ...perNode, ...(url.startsWith('rediss:') ? { tls: {} } : {}) },
  });
  return client as unknown as Redis;
}

/**
 * Connects and pings within `timeoutMs`; on failure throws REDIS_UNREACHABLE with one line that
 * names the URL tried and how to start Redis.
 */
export async function connectRedis(redis: Redis, url: string, timeoutMs = 10_000): Promise<void> {
  let lastError: unknown;
  const onError = (err: unknown) => {
    lastError = err;
  };
  redis.on('error', onError);
  try {
    await withTimeout(
      (async () => {
        if (redis.status === 'wait') await redis.connect();
        await redis.ping();
      })(),
      timeoutMs,
      () => new Error('timed out'),
    );
  } catch (err) {
    const reason = describe(lastError ?? err);
    redis.disconnect();
    const auth = redisAuthError(lastError ?? err, url);
    if (auth) throw auth;
    throw new SwError(
      'REDIS_UNREACHABLE',
      `cannot reach Redis at ${redactUrl(url)} (${reason}); start one with \`docker compose up -d redis\` or \`redis-server\`, or set REDIS_URL`,
      { cause: lastError ?? err },
    );
  } finally {
    redis.off('error', onError);
  }
}

/** Redis's own error codes for refused credentials (the first word of its error reply). */
const AUTH_REPLIES: ReadonlySet<string> = new Set(['WRONGPASS', 'NOAUTH', 'NOPERM']);

/**
 * REDIS_AUTH when Redis answered and refused the credentials: "cannot reach" would send the
 * operator looking for a server that is running. Undefined for any other failure.
 */
export function redisAuthError(err: unknown, url: string): SwError | undefined {
  const message = err instanceof Error ? err.message : '';
  const code = /^([A-Z]+)\b/.exec(message)?.[1] ?? '';
  if (!AUTH_REPLIES.has(code)) return undefined;
  return new SwError(
    'REDIS_AUTH',
    `Redis at ${redactUrl(url)} refused the credentials (${code}): check the user and password in the Redis URL (REDIS_URL)`,
    { cause: err },
  );
}

function describe(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: string; message?: string };
    if (e.code) return e.code;
    if (e.message) return e.message.split('\n')[0];
  }
  return String(err);
}

/** Redis must not evict BullMQ keys; returns the policy when it is not `noeviction`. */
export async function evictionPolicyProblem(redis: Redis): Promise<string | undefined> {
  try {
    const res = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = res[1];
    return policy && policy !== 'noeviction' ? policy : undefined;
  } catch {
    // Managed Redis services often forbid CONFIG; nothing to warn about then.
    return undefined;
  }
}

/**
 * Without AOF a restart of Redis loses the seen-sets and the ledger, and the next poll alerts on a
 * week of news again; returns a warning when `appendonly` is off (undefined when CONFIG is refused).
 */
export async function persistenceProblem(redis: Redis): Promise<string | undefined> {
  try {
    const res = (await redis.config('GET', 'appendonly')) as string[];
    return res[1] === 'no'
      ? 'Redis runs without appendonly: a Redis restart loses the seen items and the delivery ledger; set "appendonly yes"'
      : undefined;
  } catch {
    return undefined;
  }
}

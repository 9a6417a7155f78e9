import type { Redis } from 'ioredis';
import type { Alert } from '../alerts/types.js';
import { runScript } from './scripts.js';

/** Alerts waiting for a channel's next digest e-mail, in Redis. */
export interface DigestBuffer {
  /** Adds the alert once; false when it was already waiting. */
  add(channel: string, alert: Alert): Promise<boolean>;
  /** Number of alerts waiting (not counting a batch being sent). */
  size(channel: string): Promise<number>;
}

export function digestKeys(prefix: string, channel: string) {
  return {
    waiting: `${prefix}:digest:${channel}:waiting`,
    sending: `${prefix}:digest:${channel}:sending`,
  };
}

export function createDigestBuffer(redis: Redis, prefix: string): DigestBuffer {
  return {
    async add(channel, alert) {
      return (
        (await redis.hsetnx(
          digestKeys(prefix, channel).waiting,
          alert.id,
          JSON.stringify(alert),
        )) === 1
      );
    },
    async size(channel) {
      return redis.hlen(digestKeys(prefix, channel).waiting);
    },
  };
}

/**
 * Moves the waiting alerts aside as the batch to send (unless a batch from a failed flush is still
 * there, which is sent again) and returns them as JSON.
 */
export async function takeDigestBatch(
  redis: Redis,
  prefix: string,
  channel: string,
): Promise<string[]> {
  const keys = digestKeys(prefix, channel);
  return (await runScript(redis, 'digestTake', [keys.waiting, keys.sending])) as string[];
}

/** Forgets the batch once it was sent (or held nothing left to send). */
export async function clearDigestBatch(redis: Redis, prefix: string, channel: string) {
  await redis.del(digestKeys(prefix, channel).sending);
}

import type { Redis } from 'ioredis';
import { clearDigestBatch, takeDigestBatch } from '../store/digest-buffer.js';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { EmailChannel } from './channels/email.js';
import type { Ledger } from '../store/ledger.js';
import type { Alert } from './types.js';

export { createDigestBuffer, type DigestBuffer } from '../store/digest-buffer.js';

export interface FlushDigestInput {
  redis: Redis;
  ledger: Ledger;
  channel: EmailChannel;
  clock?: Clock;
}

export type FlushOutcome =
  { outcome: 'sent'; alerts: number } | { outcome: 'empty' } | { outcome: 'busy' };

/**
 * Sends the channel's waiting alerts as one e-mail and marks each delivered. Meant to run once
 * per digest window (e.g. a repeatable job). On failure the batch stays and the next flush
 * sends it first; throws DELIVERY_TRANSIENT/PERMANENT like a channel.
 */
export async function flushDigest(input: FlushDigestInput): Promise<FlushOutcome> {
  const { redis, ledger, channel } = input;
  const clock = input.clock ?? systemClock;
  const lockName = `${channel.name}.digest`;
  const token = await ledger.acquire(lockName, 'flush');
  if (!token) return { outcome: 'busy' };
  try {
    const raw = await takeDigestBatch(redis, ledger.prefix, channel.name);
    const alerts: Alert[] = [];
    for (const json of raw) {
      const alert = JSON.parse(json) as Alert;
      if (!(await ledger.isDelivered(channel.name, alert.id))) alerts.push(alert);
    }
    alerts.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    if (alerts.length === 0) {
      await clearDigestBatch(redis, ledger.prefix, channel.name);
      return { outcome: 'empty' };
    }
    await channel.deliverDigest(alerts);
    const at = new Date(clock.now()).toISOString();
    for (const alert of alerts) {
      await ledger.markDelivered(channel.name, alert.id);
      await ledger.recordDelivery(alert.id, channel.name, { state: 'delivered', at });
    }
    await clearDigestBatch(redis, ledger.prefix, channel.name);
    return { outcome: 'sent', alerts: alerts.length };
  } finally {
    await ledger.release(lockName, 'flush', token).catch(() => undefined);
  }
}

import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { errorLine, isSwError } from '../errors.js';
import type { DeliveryJob } from '../queues/registry.js';
import type { DigestBuffer } from './digest.js';
import { deliverWithLedger } from './deliver-with-ledger.js';
import { handleSummaryJob } from './deliver-summary.js';
import type { Ledger } from '../store/ledger.js';
import type { Channel } from './types.js';

export interface DeliveryDeps {
  ledger: Ledger;
  /** From {@link createChannels}. */
  channels: ReadonlyMap<string, Channel>;
  /** Channels whose alerts go to a digest instead of one e-mail each (name → window ms). */
  digests?: ReadonlyMap<string, number>;
  digestBuffer?: DigestBuffer;
  logger?: Logger;
  clock?: Clock;
  /** Where flood control holds a poll's alerts for their summary (summary jobs need it). */
  redis?: Redis;
  /** How long no alert may have joined a summary before it is sent. @defaultValue 3000 */
  summaryQuietMs?: number;
}

export type DeliveryJobOutcome = {
  outcome: 'delivered' | 'already-delivered' | 'buffered';
  alertId: string;
  channel: string;
  /** A summary job: the alerts it sent. */
  alerts?: number;
};

/**
 * The notifier workers' processor. Returns an outcome for what needs no retry; throws the
 * transient error itself (its `retryAfterMs` feeds the `jittered` backoff) to retry, and
 * UnrecoverableError for a permanent failure (the job stays failed until `alerts retry`).
 */
export async function handleDeliveryJob(
  deps: DeliveryDeps,
  job: Job<DeliveryJob>,
): Promise<DeliveryJobOutcome> {
  const { alert, channel: channelName } = job.data;
  const channel = deps.channels.get(channelName);
  if (!channel) {
    throw new UnrecoverableError(`channel ${channelName} is not configured (alert ${alert.id})`);
  }
  if (job.data.summary) return handleSummaryJob(deps, job, channel);
  if (deps.digests?.has(channelName) && deps.digestBuffer) {
    await deps.ledger.recordAlert(alert);
    if (await deps.ledger.isDelivered(channelName, alert.id))
      return { outcome: 'already-delivered', alertId: alert.id, channel: channelName };
    await deps.digestBuffer.add(channelName, alert);
    return { outcome: 'buffered', alertId: alert.id, channel: channelName };
  }
  const started = performance.now();
  try {
    const outcome = await deliverWithLedger({
      ledger: deps.ledger,
      channel,
      alert,
      recordAlert: true,
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
    const ms = Math.round(performance.now() - started);
    // One line per alert that reached a channel, so an operator can tell "sent" from "silent".
    if (outcome === 'delivered')
      deps.logger?.info({ channel: channelName, alertId: alert.id, ms }, 'alert delivered');
    else deps.logger?.debug({ alertId: alert.id, channel: channelName, outcome }, 'delivery');
    return { outcome, alertId: alert.id, channel: channelName };
  } catch (err) {
    if (isSwError(err, 'DELIVERY_PERMANENT')) {
      deps.logger?.warn(
        { alertId: alert.id, channel: channelName, err: errorLine(err) },
        'delivery failed permanently',
      );
      throw new UnrecoverableError(errorLine(err));
    }
    deps.logger?.info(
      {
        alertId: alert.id,
        channel: channelName,
        attempt: job.attemptsMade + 1,
        ...(isSwError(err) ? { code: err.code } : {}),
        err: errorLine(err),
      },
      'delivery will be retried',
    );
    throw err;
  }
}

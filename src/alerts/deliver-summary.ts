import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { systemClock } from '../clock.js';
import { errorLine, isSwError } from '../errors.js';
import type { DeliveryJob } from '../queues/registry.js';
import { closeRound, dropRound, type RoundRef } from '../store/burst.js';
import type { DeliveryDeps, DeliveryJobOutcome } from './deliver-job.js';
import { deliverWithLedger } from './deliver-with-ledger.js';
import { buildSummary, SUMMARY_MAX_WAIT_MS, SUMMARY_QUIET_MS } from './summary.js';
import type { Alert, Channel } from './types.js';

/**
 * A flood-control summary job: once no alert joined the round for a while, closes it, records
 * every held alert in the ledger (dashboard, `alerts recent`), drops the ones already delivered
 * on the channel, sends ONE message through the ledger under the summary's own id, and marks
 * each alert delivered "in summary <id>". A retry after the send finds the summary delivered
 * and only marks; alerts held after the round closed go into the next round's summary.
 */
export async function handleSummaryJob(
  deps: DeliveryDeps,
  job: Job<DeliveryJob>,
  channel: Channel,
): Promise<DeliveryJobOutcome> {
  const { alert: placeholder, summary } = job.data;
  if (!summary || !deps.redis)
    throw new UnrecoverableError(`summary ${placeholder.id}: no summary state to read`);
  const clock = deps.clock ?? systemClock;
  const ref: RoundRef = { ...summary, channel: channel.name };
  const prefix = deps.ledger.prefix;
  const closed = await closeRound(deps.redis, prefix, ref, {
    now: clock.now(),
    quietMs: deps.summaryQuietMs ?? SUMMARY_QUIET_MS,
    maxWaitMs: SUMMARY_MAX_WAIT_MS,
  });
  if ('waitMs' in closed) {
    // Alerts are still joining this round: look again later, without spending an attempt.
    await job.moveToDelayed(Date.now() + closed.waitMs, job.token);
    throw new DelayedError();
  }
  const members = [...new Map(closed.alerts.map((a) => [a.id, a])).values()];
  await deps.ledger.recordAlerts(members);
  const done = await deps.ledger.deliveredAmong(
    channel.name,
    members.map((a) => a.id),
  );
  const fresh = members.filter((a) => !done.has(a.id));
  let outcome: DeliveryJobOutcome['outcome'] = 'already-delivered';
  if (fresh.length > 0) {
    const message = buildSummary(placeholder, fresh);
    const started = performance.now();
    outcome = await send(deps, job, channel, message);
    const at = new Date(clock.now()).toISOString();
    await deps.ledger.markInSummary(
      channel.name,
      fresh.map((a) => a.id),
      message.id,
      at,
    );
    const ms = Math.round(performance.now() - started);
    deps.logger?.info(
      {
        channel: channel.name,
        summaryId: message.id,
        feed: summary.feed,
        alerts: fresh.length,
        ms,
      },
      'alert summary delivered',
    );
  }
  await dropRound(deps.redis, prefix, ref);
  return { outcome, alertId: placeholder.id, channel: channel.name, alerts: fresh.length };
}

/** The summary through the ledger, exactly once per channel; errors as a delivery job's. */
async function send(
  deps: DeliveryDeps,
  job: Job<DeliveryJob>,
  channel: Channel,
  message: Alert,
): Promise<'delivered' | 'already-delivered'> {
  try {
    return await deliverWithLedger({
      ledger: deps.ledger,
      channel,
      alert: message,
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
  } catch (err) {
    const where = { summaryId: message.id, channel: channel.name, err: errorLine(err) };
    if (isSwError(err, 'DELIVERY_PERMANENT')) {
      deps.logger?.warn(where, 'summary delivery failed permanently');
      throw new UnrecoverableError(errorLine(err));
    }
    deps.logger?.info({ ...where, attempt: job.attemptsMade + 1 }, 'summary will be retried');
    throw err;
  }
}

import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { errorLine } from '../errors.js';
import { transient } from './channels/errors.js';
import type { Ledger } from '../store/ledger.js';
import type { Alert, Channel, DeliveryOutcome } from './types.js';

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

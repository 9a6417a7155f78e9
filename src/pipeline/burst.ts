import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import { deliveryJobId } from '../alerts/route.js';
import { SUMMARY_QUIET_MS, summaryPlaceholder } from '../alerts/summary.js';
import { assignOrdinals, holdAlerts, type PollRef } from '../store/burst.js';
import type { PlannedDelivery } from './plan.js';

/** A plan's deliveries split by flood control. */
export interface BurstSplit {
  /** Sent one by one: the first `burst` alerts of the poll on each channel. */
  individual: PlannedDelivery[];
  /** Held for the channel's summary. */
  held: PlannedDelivery[];
}

/**
 * Which deliveries go out alone: those whose alert's ordinal on its channel (1-based, stable per
 * poll) is within the burst. `burst` 0 means no flood control. Pure.
 */
export function splitBurst(
  deliveries: readonly PlannedDelivery[],
  ordinals: readonly number[],
  burst: number,
): BurstSplit {
  if (burst <= 0) return { individual: [...deliveries], held: [] };
  const split: BurstSplit = { individual: [], held: [] };
  deliveries.forEach((d, i) => (ordinals[i] <= burst ? split.individual : split.held).push(d));
  return split;
}

/**
 * One summary job per channel and round of the held deliveries (`rounds[i]` is held[i]'s), with
 * the summary's id as job id, so every match job of the poll adds the same job. Pure.
 */
export function summaryJobs(
  poll: PollRef,
  held: readonly PlannedDelivery[],
  rounds: readonly number[],
  now: Date,
): PlannedDelivery[] {
  const jobs = new Map<string, PlannedDelivery>();
  held.forEach((d, i) => {
    const { channel } = d.data;
    const round = rounds[i];
    const key = `${channel}\u0000${round}`;
    if (jobs.has(key)) return;
    const alert = summaryPlaceholder({ ...poll, channel, round }, now);
    jobs.set(key, {
      queue: d.queue,
      name: channel,
      data: { channel, alert, summary: { feed: poll.feed, polledAt: poll.polledAt, round } },
      opts: { jobId: deliveryJobId(alert.id, channel), delay: SUMMARY_QUIET_MS },
    });
  });
  return [...jobs.values()];
}

export interface BurstDeps {
  redis: Redis;
  prefix: string;
  clock: Clock;
  /** `alerts.burst`; 0 or absent: every delivery goes out alone. */
  burst?: number;
}

/**
 * Flood control for one batch of a poll's deliveries: numbers them per channel across the
 * poll's match jobs (in Redis), holds those past the burst and returns what to enqueue: the
 * individual deliveries and the summary jobs. Idempotent, so a retried match job adds the same.
 */
export async function applyBurst(
  deps: BurstDeps,
  poll: PollRef,
  deliveries: readonly PlannedDelivery[],
): Promise<PlannedDelivery[]> {
  if (!deps.burst || deliveries.length === 0) return [...deliveries];
  const pairs = deliveries.map((d) => ({ channel: d.data.channel, alertId: d.data.alert.id }));
  const ordinals = await assignOrdinals(deps.redis, deps.prefix, poll, pairs);
  const split = splitBurst(deliveries, ordinals, deps.burst);
  if (split.held.length === 0) return split.individual;
  const now = deps.clock.now();
  const held = split.held.map((d) => ({ channel: d.data.channel, alert: d.data.alert }));
  const rounds = await holdAlerts(deps.redis, deps.prefix, poll, held, now);
  return [...split.individual, ...summaryJobs(poll, split.held, rounds, new Date(now))];
}

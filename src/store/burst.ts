import type { Redis } from 'ioredis';
import type { Alert } from '../alerts/types.js';
import { runScript } from './scripts.js';

/**
 * Flood control's state per feed and poll: each alert's ordinal per channel, the alerts held
 * past the burst (in rounds, one summary each) and when they came. Kept long enough for any
 * retried match or summary job, then dropped by Redis.
 */
export const BURST_TTL_MS = 2 * 86_400_000;

/** One poll of one feed (`polledAt` is the poll's epoch ms, as the match jobs carry it). */
export interface PollRef {
  feed: string;
  polledAt: number;
}

/** One round of one channel's summary for a poll. */
export interface RoundRef extends PollRef {
  channel: string;
  round: number;
}

/** An alert offered on a channel. */
export interface ChannelAlert {
  channel: string;
  alert: Alert;
}

export function burstKeys(prefix: string, poll: PollRef) {
  const state = `${prefix}:burst:${poll.feed}:${poll.polledAt}`;
  return {
    state,
    /** Prefix of the round hashes, `<state>:<channel>:<round>`. */
    heldPrefix: `${state}:`,
    held: (channel: string, round: number) => `${state}:${channel}:${round}`,
  };
}

/**
 * The ordinal of each (channel, alert id) among the poll's alerts on that channel, assigned
 * atomically across match jobs and processes; the same pair always gets the same ordinal.
 */
export async function assignOrdinals(
  redis: Redis,
  prefix: string,
  poll: PollRef,
  pairs: readonly { channel: string; alertId: string }[],
): Promise<number[]> {
  if (pairs.length === 0) return [];
  const args = pairs.flatMap((p) => [p.channel, p.alertId]);
  const keys = [burstKeys(prefix, poll).state];
  return (await runScript(redis, 'burstOrdinals', keys, [BURST_TTL_MS, ...args])) as number[];
}

/** Holds the alerts for their channel's summary; returns the round each one is held in. */
export async function holdAlerts(
  redis: Redis,
  prefix: string,
  poll: PollRef,
  held: readonly ChannelAlert[],
  now: number,
): Promise<number[]> {
  if (held.length === 0) return [];
  const k = burstKeys(prefix, poll);
  const args = held.flatMap((h) => [h.channel, h.alert.id, JSON.stringify(h.alert)]);
  return (await runScript(
    redis,
    'burstHold',
    [k.state],
    [BURST_TTL_MS, now, k.heldPrefix, ...args],
  )) as number[];
}

/** What {@link closeRound} found: wait (alerts still joining), or the round's alerts. */
export type CloseResult = { waitMs: number } | { alerts: Alert[] };

/**
 * Closes the round once no alert joined it for `quietMs` (or it is `maxWaitMs` old) and returns
 * its alerts; before that, how long to wait.
 */
export async function closeRound(
  redis: Redis,
  prefix: string,
  round: RoundRef,
  timing: { now: number; quietMs: number; maxWaitMs: number },
): Promise<CloseResult> {
  const k = burstKeys(prefix, round);
  const reply = (await runScript(
    redis,
    'burstClose',
    [k.state, k.held(round.channel, round.round)],
    [round.channel, round.round, timing.now, timing.quietMs, timing.maxWaitMs],
  )) as [number, ...string[]];
  const [wait, ...json] = reply;
  if (wait > 0) return { waitMs: wait };
  return { alerts: json.map((j) => JSON.parse(j) as Alert) };
}

/** Forgets a round's alerts once its summary is sent and recorded. */
export async function dropRound(redis: Redis, prefix: string, round: RoundRef): Promise<void> {
  await redis.del(burstKeys(prefix, round).held(round.channel, round.round));
}

import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Config } from '../config/schema.js';

/** One Job Scheduler the config wants: its id, period, first-run offset and job. */
export interface ScheduleSpec {
  id: string;
  every: number;
  offset?: number;
  job: { name: string; data: unknown };
}

/** Scheduler id families: each reconcile owns the ids of its family only. */
export const ScheduleFamily = { feed: 'feed.', list: 'list.' } as const;
export type ScheduleFamily = (typeof ScheduleFamily)[keyof typeof ScheduleFamily];

export function feedSchedulerId(feed: string): string {
  return `${ScheduleFamily.feed}${feed}`;
}

/**
 * A stable per-feed offset within its interval, so feeds sharing an interval do not all poll
 * at the same instant (jitter that survives restarts).
 */
export function feedOffset(feed: string, intervalMs: number): number {
  const h = createHash('sha1').update(feed).digest().readUInt32BE(0);
  return h % Math.max(1, Math.floor(intervalMs / 2));
}

/** The poll schedules the config wants: one per enabled feed. */
export function feedSchedules(config: Pick<Config, 'feeds'>): ScheduleSpec[] {
  return config.feeds
    .filter((f) => f.enabled)
    .map((f) => ({
      id: feedSchedulerId(f.name),
      every: f.interval,
      offset: feedOffset(f.name, f.interval),
      job: { name: 'poll', data: { feed: f.name } },
    }));
}

/** The refresh schedules of the official lists: one per configured list. */
export function listSchedules(config: Pick<Config, 'lists'>): ScheduleSpec[] {
  return config.lists.map((l, index) => ({
    id: `${ScheduleFamily.list}${index}.${l.type}`,
    every: l.every,
    job: { name: 'refresh', data: { index } },
  }));
}

/** The Job Scheduler's repeat options of a spec. */
function repeatOf(spec: ScheduleSpec): { every: number; offset?: number } {
  return { every: spec.every, ...(spec.offset !== undefined ? { offset: spec.offset } : {}) };
}

/** What a reconcile changed: schedules it (re)created that were missing, and stale ones removed. */
export interface ReconcileResult {
  restored: string[];
  removed: string[];
}

/**
 * Makes a queue's Job Schedulers of one family match `wanted`: every wanted one upserted (a
 * scheduler lost with Redis's data comes back), every other one of the family removed. Safe
 * from several processes at once: upserts and removals are idempotent.
 */
export async function reconcileSchedules(
  queue: Pick<Queue, 'getJobSchedulers' | 'upsertJobScheduler' | 'removeJobScheduler'>,
  family: ScheduleFamily,
  wanted: readonly ScheduleSpec[],
): Promise<ReconcileResult> {
  const existing = new Set(
    (await queue.getJobSchedulers(0, -1)).map((s) => s.key).filter((k) => k.startsWith(family)),
  );
  const restored: string[] = [];
  for (const spec of wanted) {
    if (!existing.has(spec.id)) restored.push(spec.id);
    await queue.upsertJobScheduler(spec.id, repeatOf(spec), spec.job);
  }
  const ids = new Set(wanted.map((s) => s.id));
  const removed = [...existing].filter((k) => !ids.has(k));
  for (const id of removed) await queue.removeJobScheduler(id);
  return { restored, removed };
}

/**
 * Re-creates one schedule from the current clock. Upserting an existing scheduler keeps its next
 * run; after the wall clock stepped back that run is as far away as the step, so it is removed
 * first. Also queues one poll now (`jobId` makes concurrent kicks one job).
 */
export async function restartSchedule(
  queue: Pick<Queue, 'upsertJobScheduler' | 'removeJobScheduler' | 'add'>,
  spec: ScheduleSpec,
  jobId: string,
): Promise<void> {
  await queue.removeJobScheduler(spec.id);
  await queue.upsertJobScheduler(spec.id, repeatOf(spec), spec.job);
  await queue.add(spec.job.name, spec.job.data, { jobId });
}

/** A feed's start-up poll: how long after start it runs. */
export interface FirstPoll {
  feed: string;
  delayMs: number;
}

/** Start-up polls are spread over this window, so a restart does not hit every feed at once. */
export const FIRST_POLL_WINDOW_MS = 45_000;

/**
 * Which feeds to poll soon after start instead of waiting for their schedule (which may be most
 * of an interval away): every enabled feed not polled within its interval, not gone and not in
 * backoff. Each gets a stable delay within {@link FIRST_POLL_WINDOW_MS}.
 */
export function firstPolls(
  feeds: readonly { name: string; interval: number; enabled: boolean }[],
  states: ReadonlyMap<string, { lastAttempt?: number; backoffUntil?: number; gone: boolean }>,
  now: number,
): FirstPoll[] {
  return feeds
    .filter((f) => {
      const s = states.get(f.name);
      if (!f.enabled || s?.gone) return false;
      if (s?.backoffUntil !== undefined && s.backoffUntil > now) return false;
      return s?.lastAttempt === undefined || now - s.lastAttempt >= f.interval;
    })
    .map((f) => ({
      feed: f.name,
      delayMs: feedOffset(f.name, 2 * Math.min(f.interval, FIRST_POLL_WINDOW_MS)),
    }));
}

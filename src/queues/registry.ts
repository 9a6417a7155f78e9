import type { DefaultJobOptions } from 'bullmq';
import { backoffDelay } from '../backoff.js';
import { isChatChannelType, type Alert, type ChannelType } from '../alerts/types.js';
import type { FeedItem } from '../feeds/types.js';

/**
 * Every queue, its job type and default options, in one place. Workers and producers import
 * from here; nothing else names a queue.
 */
export const QueueNames = {
  poll: 'poll',
  match: 'match',
  deliverLog: 'deliver-log',
  deliverEmail: 'deliver-email',
  deliverWebhook: 'deliver-webhook',
  /** Every chat service; each one's rate limit is honoured through the error's retryAfterMs. */
  deliverChat: 'deliver-chat',
  lists: 'lists',
} as const;

export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];

export function deliveryQueueFor(type: ChannelType): QueueName {
  // Every chat service shares one queue.
  if (isChatChannelType(type)) return QueueNames.deliverChat;
  switch (type) {
    case 'log':
      return QueueNames.deliverLog;
    case 'email':
      return QueueNames.deliverEmail;
    case 'webhook':
      return QueueNames.deliverWebhook;
  }
}

/** Every delivery queue, once each: what notifiers work on and `alerts failed` lists. */
export const DELIVERY_QUEUES = [
  QueueNames.deliverLog,
  QueueNames.deliverEmail,
  QueueNames.deliverWebhook,
  QueueNames.deliverChat,
] as const;

export type DeliveryQueueName = (typeof DELIVERY_QUEUES)[number];

export interface PollJob {
  feed: string;
}

/**
 * New items of one poll of one feed, up to {@link MATCH_BATCH} per job: one job per poll instead
 * of one per item keeps BullMQ's per-job Redis work (add, fetch, lock, complete, events) off the
 * per-item cost.
 */
export interface MatchJob {
  feed: string;
  items: FeedItem[];
  /** Epoch ms of the poll that found the items. */
  polledAt: number;
}

/** Most items in one match job; a bigger poll becomes several jobs. */
export const MATCH_BATCH = 50;

export interface DeliveryJob {
  channel: string;
  /** The alert; for a summary job, a placeholder naming the summary (its id, feed, poll). */
  alert: Alert;
  /**
   * Set on a flood-control summary job: the round of the poll's held alerts to send as one
   * message on the channel (`alerts/deliver-summary.ts`).
   */
  summary?: { feed: string; polledAt: number; round: number };
}

export interface ListRefreshJob {
  /** Index of the list source in `config.lists`. */
  index: number;
}

export interface JobTypes {
  poll: PollJob;
  match: MatchJob;
  'deliver-log': DeliveryJob;
  'deliver-email': DeliveryJob;
  'deliver-webhook': DeliveryJob;
  'deliver-chat': DeliveryJob;
  lists: ListRefreshJob;
}

const keep = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 5000 },
} as const;

/** Default job options per queue: bounded retention so Redis memory stays bounded. */
export const defaultJobOptions: Record<QueueName, DefaultJobOptions> = {
  // A feed's failures are the feed's own backoff, never job retries; a poll throws only when Redis
  // or the matcher failed, and then its new items are unmarked: retry soon rather than wait for
  // the next scheduled poll.
  poll: {
    attempts: 4,
    backoff: { type: 'jittered', delay: 2000 },
    removeOnComplete: { age: 3600, count: 200 },
    removeOnFail: { age: 24 * 3600, count: 500 },
  },
  match: { attempts: 5, backoff: { type: 'jittered', delay: 1000 }, ...keep },
  'deliver-log': { attempts: 10, backoff: { type: 'jittered', delay: 1000 }, ...keep },
  'deliver-email': { attempts: 12, backoff: { type: 'jittered', delay: 5000 }, ...keep },
  'deliver-webhook': { attempts: 12, backoff: { type: 'jittered', delay: 2000 }, ...keep },
  'deliver-chat': { attempts: 12, backoff: { type: 'jittered', delay: 2000 }, ...keep },
  lists: { attempts: 3, backoff: { type: 'jittered', delay: 60_000 }, ...keep },
};

/**
 * How long a worker's lock on an active job lasts; renewed every half of it while the job runs.
 * A process killed mid-job leaves the job locked this long before another worker may take it, so
 * it is shorter than BullMQ's 30 s: recovery after `kill -9` took ~62 s with the default.
 * Parsing and matching run on a worker thread, so the event loop renews locks in time.
 */
export const WORKER_LOCK_MS = 15_000;

/** How often each worker looks for jobs whose lock lapsed (orphaned by a crash). */
export const STALLED_CHECK_MS = 15_000;

/**
 * How many times a job may be orphaned by a crashed process before it is failed (then
 * `sanctionwatch alerts retry`). 2 rather than BullMQ's 1: two quick restarts of a crash-looping
 * supervisor must not fail a healthy alert, while a job that kills its worker still stops.
 */
export const MAX_STALLED_COUNT = 2;

/** The job states the daemon reports (metrics, dashboard, tests), in display order. */
export const JOB_STATES = [
  'waiting',
  'prioritized',
  'active',
  'delayed',
  'failed',
  'completed',
] as const;

/** Max events kept in each queue's events stream. */
export const EVENTS_MAX_LEN = 1000;

/** Longest backoff between two attempts. */
export const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * {@link backoffDelay} capped at {@link MAX_BACKOFF_MS}, honouring a `retryAfterMs` carried by
 * the error. Registered as the `jittered` backoff strategy on every worker.
 */
export function jitteredBackoff(
  attemptsMade: number,
  baseDelay: number,
  err?: { retryAfterMs?: number },
  random: () => number = Math.random,
): number {
  return backoffDelay(attemptsMade, baseDelay, MAX_BACKOFF_MS, err?.retryAfterMs, random);
}

/** Job ids may not contain ':' in BullMQ; derive safe ones. */
export function safeJobId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_.-]/g, '_')).join('.');
}

import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Queues } from '../queues/factory.js';
import type { Metrics } from './metrics.js';

/** What every processor needs, built once by createApp. */
export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Producer connection: fails fast, for reads and writes outside workers. */
  redis: Redis;
  queues: Queues;
  metrics: Metrics;
  /** Aborted when a stop's deadline passes: in-flight fetches give up and their jobs are retried. */
  stopping: AbortSignal;
}

export type Role = 'all' | 'poller' | 'matcher' | 'notifier';

export const ROLES: readonly Role[] = ['all', 'poller', 'matcher', 'notifier'];

export function runs(role: Role, part: Exclude<Role, 'all'>): boolean {
  return role === 'all' || role === part;
}

import type { Logger } from 'pino';
import { SwError } from '../errors.js';
import { withTimeout } from '../deadline.js';

/** Time left before the stop deadline, for a stop hook that must share it out. */
export type TimeLeft = () => number;

interface StopHook {
  name: string;
  stop: (left: TimeLeft) => Promise<unknown> | void;
}

/**
 * The start/stop stack: each resource registers its stop as soon as it has started, and `stop`
 * runs them in reverse order within one deadline (as fastify's onClose hooks do). A hook that
 * fails or overruns is logged and the next one still runs, so a start that failed halfway
 * releases exactly what it had taken.
 */
export class Lifecycle {
  private readonly hooks: StopHook[] = [];

  constructor(private readonly logger: Logger) {}

  /** Registers a resource's stop; call right after the resource started. */
  onStop(name: string, stop: StopHook['stop']): void {
    this.hooks.push({ name, stop });
  }

  /** Stops every registered resource, last started first, within `deadlineMs` altogether. */
  async stop(deadlineMs: number): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    const left: TimeLeft = () => Math.max(0, deadline - Date.now());
    while (this.hooks.length > 0) {
      const hook = this.hooks.pop()!;
      try {
        await withDeadline(Promise.resolve(hook.stop(left)), Math.max(left(), 100), hook.name);
      } catch (err) {
        this.logger.warn({ resource: hook.name, err: (err as Error).message }, 'stop incomplete');
      }
    }
  }
}

/** Resolves or rejects with `p`, or rejects with SHUTDOWN_TIMEOUT after `ms`. */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return withTimeout(p, ms, () => new SwError('SHUTDOWN_TIMEOUT', `${what} did not stop in time`));
}

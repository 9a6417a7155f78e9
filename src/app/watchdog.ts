import type { Worker } from 'bullmq';
import type { Clock } from '../clock.js';

export interface WatchdogOptions {
  workers: readonly Worker[];
  /** No progress for this long while jobs wait means the worker is stuck. */
  stallMs: number;
  clock: Clock;
  /** Jobs waiting in a worker's queue. */
  waiting: (worker: Worker) => Promise<number>;
  onStall: (queue: string, idleMs: number) => void;
}

export interface Watchdog {
  /** Runs one check; the daemon calls it on a timer. Resolves to the stalled queue, if any. */
  check(): Promise<string | undefined>;
  readonly tripped: boolean;
  stop(): void;
}

/**
 * Guards against BullMQ workers that silently stop fetching (seen after Redis failovers): a
 * worker whose queue has waiting jobs but that has started or finished nothing for `stallMs`
 * trips the watchdog, so the process can report not-ready and exit for its supervisor to restart.
 */
export function createWatchdog(options: WatchdogOptions): Watchdog {
  const last = new Map<Worker, number>();
  const touch = (w: Worker) => () => last.set(w, options.clock.now());
  const listeners: Array<() => void> = [];
  for (const w of options.workers) {
    last.set(w, options.clock.now());
    const t = touch(w);
    for (const ev of ['active', 'completed', 'failed', 'drained'] as const) {
      w.on(ev, t);
      listeners.push(() => w.off(ev, t));
    }
  }
  let tripped = false;
  return {
    async check() {
      for (const w of options.workers) {
        if (!w.isRunning() || w.isPaused()) continue;
        const idle = options.clock.now() - (last.get(w) ?? 0);
        if (idle < options.stallMs) continue;
        const waiting = await options.waiting(w).catch(() => 0);
        if (waiting > 0) {
          tripped = true;
          options.onStall(w.name, idle);
          return w.name;
        }
        // Idle with nothing to do is healthy: restart the clock.
        last.set(w, options.clock.now());
      }
      return undefined;
    },
    get tripped() {
      return tripped;
    },
    stop() {
      for (const off of listeners) off();
    },
  };
}

import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { backoffDelay } from '../backoff.js';
import { errorLine } from '../errors.js';
import { withTimeout } from '../deadline.js';
import type { Redis } from 'ioredis';

/**
 * Redis replies that mean "alive but refusing writes": over maxmemory with noeviction, a
 * read-only replica, or a failing snapshot that stops writes. Redis puts the reason first in
 * the reply, as a code.
 */
const REFUSING_WRITES = /(^|: )(OOM|READONLY|MISCONF) /;

export function refusesWrites(err: unknown): boolean {
  return err instanceof Error && REFUSING_WRITES.test(err.message);
}

/**
 * A small expiring write under the prefix, the probe of whether Redis accepts writes: PING is
 * answered even when every write is refused.
 */
export function writeProbe(redis: () => Redis | undefined, prefix: string) {
  const key = `${prefix}:probe:writes`;
  return async (): Promise<void> => {
    const conn = redis();
    if (!conn) throw new Error('not connected');
    await conn.set(key, '1', 'PX', 10_000);
  };
}

/** Readiness of writes: true, or why a probe write failed within `ms`. */
export async function writesReady(probe: () => Promise<void>, ms: number): Promise<true | string> {
  try {
    await withTimeout(probe(), ms);
    return true;
  } catch (err) {
    return refusesWrites(err) ? `Redis refuses writes: ${errorLine(err)}` : errorLine(err);
  }
}

/** The slice of a BullMQ worker the guard pauses and resumes. */
export interface PausableWorker {
  readonly name: string;
  pause(doNotWaitActive?: boolean): Promise<void>;
  resume(): void | Promise<void>;
  isPaused(): boolean;
}

/** Options of {@link createWriteGuard}. */
export interface WriteGuardOptions {
  logger: Logger;
  clock: Clock;
  /** The workers to hold while Redis refuses writes (read when the state begins). */
  workers: () => readonly PausableWorker[];
  /** One small write; resolves when Redis accepted it. */
  probe: () => Promise<unknown>;
  /** Longest wait between probes, ms. @defaultValue 5000 */
  maxProbeDelayMs?: number;
  /** Source of jitter. @defaultValue Math.random */
  random?: () => number;
}

/**
 * What the daemon does while Redis refuses writes: BullMQ workers retry a refused fetch at once,
 * in a loop, so the guard pauses them, probes with a small write at a capped, jittered backoff,
 * and resumes them when a write succeeds. One log line when the state begins, one when it ends,
 * and at most one line a second for other worker errors meanwhile.
 */
export interface WriteGuard {
  /** A worker's error event: starts the refusing state, or is logged (rate-limited). */
  onWorkerError(queue: string, err: unknown): void;
  /** Readiness: true, or why not. */
  check(): true | string;
  /** Stops probing (at stop); paused workers stay paused, their close follows. */
  stop(): void;
}

export function createWriteGuard(options: WriteGuardOptions): WriteGuard {
  const { logger, clock } = options;
  const maxDelay = options.maxProbeDelayMs ?? 5000;
  let refusingSince: number | undefined;
  let reason = '';
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastLineAt = 0;
  let suppressed = 0;

  function rateLimitedError(queue: string, err: unknown): void {
    const now = clock.now();
    if (now - lastLineAt < 1000) {
      suppressed++;
      return;
    }
    lastLineAt = now;
    logger.error({ queue, err: errorLine(err), suppressed }, 'worker error');
    suppressed = 0;
  }

  function scheduleProbe(attempt: number): void {
    if (stopped) return;
    const delay = backoffDelay(attempt, 250, maxDelay, undefined, options.random);
    timer = setTimeout(() => void probe(attempt), delay);
    timer.unref();
  }

  async function probe(attempt: number): Promise<void> {
    try {
      await options.probe();
    } catch (err) {
      if (refusesWrites(err)) reason = errorLine(err);
      return scheduleProbe(attempt + 1);
    }
    const since = refusingSince ?? clock.now();
    refusingSince = undefined;
    if (stopped) return;
    await Promise.allSettled(options.workers().map((w) => Promise.resolve(w.resume())));
    logger.warn({ refusedMs: clock.now() - since }, 'Redis accepts writes again; workers resumed');
  }

  function begin(err: unknown): void {
    refusingSince = clock.now();
    reason = errorLine(err);
    logger.error(
      { reason },
      'Redis refuses writes; workers paused until a probe write succeeds (free memory or raise maxmemory)',
    );
    for (const w of options.workers()) void w.pause(true).catch(() => undefined);
    scheduleProbe(1);
  }

  return {
    onWorkerError(queue, err) {
      if (!refusesWrites(err)) return rateLimitedError(queue, err);
      if (refusingSince === undefined && !stopped) begin(err);
    },
    check() {
      return refusingSince === undefined || `Redis refuses writes: ${reason}`;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

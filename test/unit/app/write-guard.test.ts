import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  createWriteGuard,
  refusesWrites,
  type PausableWorker,
} from '../../../src/app/write-guard.js';

const oom = new Error("OOM command not allowed when used memory > 'maxmemory'.");

describe('refusesWrites', () => {
  it('knows the replies of a Redis that is up but refuses writes', () => {
    expect(refusesWrites(oom)).toBe(true);
    expect(refusesWrites(new Error('Failed to add repeatable job: OOM command not allowed'))).toBe(
      true,
    );
    expect(refusesWrites(new Error("READONLY You can't write against a read only replica."))).toBe(
      true,
    );
    expect(refusesWrites(new Error('MISCONF Redis is configured to save RDB snapshots'))).toBe(
      true,
    );
    expect(refusesWrites(new Error('Connection is closed.'))).toBe(false);
    expect(refusesWrites(new Error('ROOM for improvement'))).toBe(false);
  });
});

describe('write guard', () => {
  it('pauses the workers once, probes until a write succeeds, then resumes them', async () => {
    let paused = 0;
    let resumed = 0;
    const worker: PausableWorker = {
      name: 'poll',
      pause: () => Promise.resolve(void paused++),
      resume: () => void resumed++,
      isPaused: () => paused > resumed,
    };
    let refusing = true;
    const guard = createWriteGuard({
      logger: pino({ level: 'silent' }),
      clock: { now: () => Date.now() },
      workers: () => [worker],
      probe: () => (refusing ? Promise.reject(oom) : Promise.resolve()),
      maxProbeDelayMs: 20,
      random: () => 0,
    });
    for (let i = 0; i < 1000; i++) guard.onWorkerError('poll', oom);
    expect(paused).toBe(1);
    expect(guard.check()).toMatch(/^Redis refuses writes: OOM/);
    await new Promise((r) => setTimeout(r, 60));
    expect(resumed).toBe(0);
    refusing = false;
    await new Promise((r) => setTimeout(r, 60));
    expect(resumed).toBe(1);
    expect(guard.check()).toBe(true);
    guard.stop();
  });
});

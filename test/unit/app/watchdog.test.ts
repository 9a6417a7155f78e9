import { EventEmitter } from 'node:events';
import type { Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createWatchdog } from '../../../src/app/watchdog.js';

function fakeWorker(name: string) {
  const w = new EventEmitter() as EventEmitter & {
    name: string;
    isRunning(): boolean;
    isPaused(): boolean;
  };
  w.name = name;
  w.isRunning = () => true;
  w.isPaused = () => false;
  return w as unknown as Worker;
}

describe('watchdog', () => {
  it('trips when jobs wait and the worker made no progress for the stall time', async () => {
    let now = 0;
    const w = fakeWorker('match');
    const stalls: string[] = [];
    const dog = createWatchdog({
      workers: [w],
      stallMs: 1000,
      clock: { now: () => now },
      waiting: () => Promise.resolve(3),
      onStall: (q) => stalls.push(q),
    });
    now = 500;
    expect(await dog.check()).toBeUndefined();
    now = 900;
    (w as unknown as EventEmitter).emit('completed');
    now = 1800;
    expect(await dog.check()).toBeUndefined(); // progress at 900
    now = 2000;
    expect(await dog.check()).toBe('match');
    expect(dog.tripped).toBe(true);
    expect(stalls).toEqual(['match']);
  });

  it('does not trip on an idle worker with nothing waiting', async () => {
    let now = 0;
    const w = fakeWorker('poll');
    const dog = createWatchdog({
      workers: [w],
      stallMs: 1000,
      clock: { now: () => now },
      waiting: () => Promise.resolve(0),
      onStall: () => undefined,
    });
    now = 5000;
    expect(await dog.check()).toBeUndefined();
    expect(dog.tripped).toBe(false);
  });
});

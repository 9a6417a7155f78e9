/** A clock passed in, so schedules and backoff are testable without sleeping. */
export interface Clock {
  /** Wall time, epoch ms: what is stored and shown. It may step (NTP, a VM resumed, an operator). */
  now(): number;
  /**
   * Monotonic ms from an arbitrary origin, for how long something took or has not happened.
   * @defaultValue `now()` when a test clock leaves it out
   */
  monotonic?(): number;
}

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };

/** The clock's monotonic time, or its wall time when it has none. */
export function monotonicNow(clock: Clock): number {
  return clock.monotonic ? clock.monotonic() : clock.now();
}

import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/backoff.js';
import { MAX_BACKOFF_MS, jitteredBackoff } from '../../src/queues/registry.js';

describe('backoffDelay', () => {
  it('doubles per failure between half and all of the step, capped', () => {
    expect(backoffDelay(1, 1000, 60_000, undefined, () => 0)).toBe(500);
    expect(backoffDelay(3, 1000, 60_000, undefined, () => 1)).toBe(4000);
    expect(backoffDelay(40, 1000, 60_000, undefined, () => 1)).toBe(60_000);
  });

  it('waits at least Retry-After, up to its cap', () => {
    expect(backoffDelay(1, 1000, 60_000, 30_000, () => 0)).toBe(30_000);
    expect(backoffDelay(1, 1000, 60_000, 10 ** 9, () => 0, 86_400_000)).toBe(86_400_000);
  });

  it('is what job retries use, capped at MAX_BACKOFF_MS', () => {
    expect(jitteredBackoff(50, 1000, undefined, () => 1)).toBe(MAX_BACKOFF_MS);
    expect(jitteredBackoff(1, 1000, { retryAfterMs: 7000 }, () => 0)).toBe(7000);
  });
});

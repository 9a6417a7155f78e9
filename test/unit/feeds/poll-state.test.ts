import { describe, expect, it } from 'vitest';
import { clockSteppedBack, reasonNotToPoll } from '../../../src/feeds/poll-state.js';
import type { FeedState } from '../../../src/store/feed-state.js';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-05T12:00:00Z');
const state = (over: Partial<FeedState>): FeedState => ({
  consecutiveFailures: 1,
  gone: false,
  notModifiedCount: 0,
  ...over,
});

describe('reasonNotToPoll', () => {
  it('skips a feed in backoff and polls one whose backoff has passed', () => {
    const backingOff = state({ lastAttempt: now - 60_000, backoffUntil: now + 60_000 });
    expect(reasonNotToPoll(backingOff, now, 6 * HOUR)).toEqual({
      status: 'skipped-backoff',
      nextPollAt: now + 60_000,
    });
    expect(reasonNotToPoll(backingOff, now + 60_001, 6 * HOUR)).toBeUndefined();
    expect(reasonNotToPoll(state({ gone: true }), now, 6 * HOUR)?.status).toBe('gone');
  });

  // Regression (issue 17): a clock stepped back a day kept a feed in "backoff" for that day.
  it('ignores a backoff written before the wall clock stepped back', () => {
    const before = state({ lastAttempt: now + 24 * HOUR, backoffUntil: now + 24 * HOUR + 60_000 });
    expect(clockSteppedBack(before, now, 6 * HOUR)).toBe(true);
    expect(reasonNotToPoll(before, now, 6 * HOUR)).toBeUndefined();
    // A backoff longer than any that is ever set, even without a last attempt.
    const far = state({ backoffUntil: now + 3 * 24 * HOUR });
    expect(reasonNotToPoll(far, now, 6 * HOUR)).toBeUndefined();
    // Clock skew between hosts is not a step.
    const skewed = state({ lastAttempt: now + 30_000, backoffUntil: now + 90_000 });
    expect(clockSteppedBack(skewed, now, 6 * HOUR)).toBe(false);
    expect(reasonNotToPoll(skewed, now, 6 * HOUR)?.status).toBe('skipped-backoff');
  });
});

import { describe, expect, it } from 'vitest';
import { FIRST_POLL_WINDOW_MS, firstPolls } from '../../../src/app/schedules.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const HOUR = 3_600_000;

describe('firstPolls: every due feed polled within the first minute after start', () => {
  const feeds = [
    { name: 'never-polled', interval: HOUR, enabled: true },
    { name: 'polled-long-ago', interval: HOUR, enabled: true },
    { name: 'polled-just-now', interval: HOUR, enabled: true },
    { name: 'in-backoff', interval: HOUR, enabled: true },
    { name: 'gone', interval: HOUR, enabled: true },
    { name: 'disabled', interval: HOUR, enabled: false },
  ];
  const states = new Map([
    ['polled-long-ago', { lastAttempt: NOW - 2 * HOUR, gone: false }],
    ['polled-just-now', { lastAttempt: NOW - 60_000, gone: false }],
    ['in-backoff', { lastAttempt: NOW - 2 * HOUR, backoffUntil: NOW + HOUR, gone: false }],
    ['gone', { gone: true }],
  ]);

  it('picks the feeds that are due and spreads them inside the window', () => {
    const planned = firstPolls(feeds, states, NOW);
    expect(planned.map((p) => p.feed)).toEqual(['never-polled', 'polled-long-ago']);
    for (const p of planned) {
      expect(p.delayMs).toBeGreaterThanOrEqual(0);
      expect(p.delayMs).toBeLessThan(FIRST_POLL_WINDOW_MS);
    }
    // Stable across restarts: the same feed gets the same slot.
    expect(firstPolls(feeds, states, NOW + 5000)).toEqual(planned);
  });

  it('keeps a short-interval feed inside its own interval', () => {
    const [p] = firstPolls([{ name: 'fast', interval: 2000, enabled: true }], new Map(), NOW);
    expect(p.delayMs).toBeLessThan(2000);
  });
});

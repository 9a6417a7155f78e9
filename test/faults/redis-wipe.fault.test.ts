import { afterEach, describe, expect, it } from 'vitest';
import { readyz, sleep, startRig, waitFor, type Rig } from './harness/index.js';

// Redis without persistence killed and started again empty while the daemon runs: the daemon
// notices the loss, restores its schedules and polls again without a restart, /readyz is 503
// while Redis is away, and the items the feeds still carry are not alerted a second time —
// neither by the running daemon nor after it is restarted. Items published after the loss are.

const INTERVAL_MS = 3000;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

/** Total feed requests served so far. */
function requests(r: Rig): number {
  return [...r.feeds.requests.values()].reduce((s, n) => s + n, 0);
}

describe('Redis wiped while the daemon runs', () => {
  it('resumes polling by itself, then alerts nothing twice, even after a daemon restart', async () => {
    rig = await startRig({
      privateRedis: true,
      redisAof: false,
      feeds: { feeds: 6, itemsPerFeed: 20, flaggedShare: 0.3 },
      config: { interval: `${INTERVAL_MS / 1000}s`, watchdogStall: '30s' },
    });
    const r = rig;
    const redis = r.redis!;
    const daemon = r.spawn('all');
    const http = await daemon.httpUrl();
    await waitFor(() => r.allDelivered(), 90_000, 'every alert before the wipe', 250);
    // Let the poll bookkeeping reach the data folder (it is written within a second of a poll).
    await sleep(INTERVAL_MS + 1500);

    await redis.kill();
    const downAt = Date.now();
    const down: number[] = [];
    while (Date.now() - downAt < 2000) {
      down.push(await readyz(http));
      await sleep(200);
    }
    await redis.start();
    const upAt = Date.now();
    const before = requests(r);
    const resumeMs = await waitFor(
      () => requests(r) > before,
      4 * INTERVAL_MS,
      'a poll after the wipe',
      50,
    );
    await waitFor(async () => (await readyz(http)) === 200, 20_000, '/readyz 200 after the wipe');

    // News published after the loss still alerts, once.
    const fresh = r.feeds.add(12);
    await r.refreshExpected();
    await waitFor(() => r.allDelivered(), 60_000, 'the items published after the wipe', 250);
    await sleep(2 * INTERVAL_MS);

    daemon.kill('SIGTERM');
    expect((await daemon.waitForExit()).code).toBe(0);
    const second = r.spawn('all', 'restarted');
    await second.httpUrl();
    await sleep(3 * INTERVAL_MS);
    second.kill('SIGTERM');
    expect((await second.waitForExit()).code).toBe(0);

    expect(down.every((s) => s === 503)).toBe(true);
    expect(resumeMs).toBeLessThan(2 * INTERVAL_MS);
    expect(daemon.output()).toContain('Redis lost this deployment');
    expect(second.output()).not.toContain('Redis lost this deployment');
    const tally = await r.tally();
    for (const [channel, t] of Object.entries(tally)) {
      expect(t.missing, `${channel}: alerts never delivered`).toEqual([]);
      expect(t.duplicates, `${channel}: alerts delivered twice`).toBe(0);
    }
    await r.report('redis-wipe', {
      recover_ms: Date.now() - upAt,
      poll_resumed_after_ms: resumeMs,
      readyz_samples_while_down: down.length,
      items_after_wipe: fresh.length,
    });
  });
});

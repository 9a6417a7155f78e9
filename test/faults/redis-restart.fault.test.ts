import { afterEach, describe, expect, it } from 'vitest';
import {
  deliveryJobs,
  queueCounts,
  readyz,
  sleep,
  startRig,
  unexplainedDuplicates,
  waitFor,
  type Rig,
} from './harness/index.js';

// Redis (private, AOF everysec) restarted in the middle of a ~1,500-item run: the daemon's
// workers reconnect by themselves, /readyz says 503 while Redis is down and 200 after, the
// watchdog does not fire, and every expected alert is delivered exactly once.

const DOWN_MS = 6000;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

describe('Redis restarted mid-run', () => {
  it('workers reconnect, /readyz reflects the outage, nothing is lost', async () => {
    rig = await startRig({ privateRedis: true, config: { watchdogStall: '20s' } });
    const r = rig;
    const redis = r.redis!;
    const total = r.expected.alerts.size * 3;
    const daemon = r.spawn('all');
    const http = await daemon.httpUrl();
    expect(await readyz(http)).toBe(200);
    await waitFor(async () => (await r.deliveredCount()) >= total * 0.3, 120_000, '30% delivered');
    const deliveredAtStop = await r.deliveredCount();

    const stoppedAt = Date.now();
    await redis.stop();
    const notReadyAfterMs = await waitFor(
      async () => (await readyz(http)) === 503,
      10_000,
      '/readyz 503',
    );
    const downSamples: number[] = [];
    while (Date.now() - stoppedAt < DOWN_MS) {
      downSamples.push(await readyz(http));
      await sleep(250);
    }
    await redis.start();
    const upAt = Date.now();
    const readyAfterMs = await waitFor(
      async () => (await readyz(http)) === 200,
      30_000,
      '/readyz 200 again',
      100,
    );

    await waitFor(() => r.allDelivered(), 150_000, 'every expected alert on every channel', 250);
    const recoverMs = Date.now() - upAt;
    await sleep(2000);
    const counts = await queueCounts(redis.url, r.config.prefix);

    expect(downSamples.every((s) => s === 503)).toBe(true);
    expect(daemon.exited).toBeUndefined();
    expect(daemon.output()).not.toContain('worker made no progress');
    const tally = await r.tally();
    for (const [channel, t] of Object.entries(tally)) {
      expect(t.missing, `${channel}: alerts never delivered`).toEqual([]);
      expect(t.unexpected, `${channel}: alerts not expected`).toEqual([]);
    }
    // Sends cut off by the outage are recorded once Redis is back (the ledger retries the mark
    // within its 30 s lock), so a 7 s outage repeats nothing.
    for (const [channel, t] of Object.entries(tally))
      expect(t.duplicates, `${channel} duplicates`).toBe(0);
    const outage = [stoppedAt, upAt] as const;
    expect(
      unexplainedDuplicates(
        r.webhook!.log.filter((d) => d.status < 300),
        [outage],
      ),
    ).toEqual([]);
    expect(unexplainedDuplicates(r.smtp!.mails, [outage])).toEqual([]);
    expect(deliveryJobs(counts, 'failed')).toBe(0);

    daemon.kill('SIGTERM');
    expect((await daemon.waitForExit()).code).toBe(0);
    await r.report('redis-restart', {
      recover_ms: recoverMs,
      down_ms: upAt - stoppedAt,
      readyz_503_after_ms: notReadyAfterMs,
      readyz_200_after_restart_ms: readyAfterMs,
      readyz_samples_while_down: downSamples.length,
      delivered_at_stop: deliveredAtStop,
      deliveries_expected: total,
      failed_jobs: deliveryJobs(counts, 'failed'),
      match_failed: counts.match.failed,
    });
  });
});

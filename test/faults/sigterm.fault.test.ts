import { afterEach, describe, expect, it } from 'vitest';
import {
  deliveryJobs,
  queueCounts,
  sleep,
  startRig,
  unexplainedDuplicates,
  waitFor,
  type Rig,
} from './harness/index.js';

// SIGTERM while a burst of ~1,500 items is being matched and delivered: the daemon exits 0,
// active jobs finish (or, past the stop deadline, are retried later), and after a restart every
// expected alert is delivered, none twice unless the deadline cut a delivery short.

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

describe('SIGTERM during a burst', () => {
  it('exits 0 and loses nothing; a restart completes every alert', async () => {
    rig = await startRig();
    const r = rig;
    const total = r.expected.alerts.size * 3;
    const first = r.spawn('all');
    await first.httpUrl();
    await waitFor(async () => (await r.deliveredCount()) >= total * 0.3, 120_000, '30% delivered');
    const deliveredAtTerm = await r.deliveredCount();
    const termAt = Date.now();
    first.kill('SIGTERM');
    const exit = await first.waitForExit(20_000);
    const stopMs = Date.now() - termAt;
    expect(exit.code).toBe(0);
    expect(first.output()).toContain('sanctionwatch stopped');
    const deadlinePassed = first.output().includes('did not finish before the deadline');
    const deliveredAtExit = await r.deliveredCount();
    const between = await queueCounts(r.config.redisUrl, r.config.prefix);

    const restartedAt = Date.now();
    const second = r.spawn('all');
    await waitFor(() => r.allDelivered(), 150_000, 'every expected alert on every channel', 250);
    const recoverMs = Date.now() - restartedAt;
    await sleep(2000);
    const counts = await queueCounts(r.config.redisUrl, r.config.prefix);

    const tally = await r.tally();
    for (const [channel, t] of Object.entries(tally)) {
      expect(t.missing, `${channel}: alerts never delivered`).toEqual([]);
      expect(t.unexpected, `${channel}: alerts not expected`).toEqual([]);
      // A graceful stop finishes its deliveries and records them: nothing repeats.
      if (!deadlinePassed) expect(t.duplicates, `${channel} duplicates`).toBe(0);
    }
    const stop = [termAt, termAt + stopMs] as const;
    expect(
      unexplainedDuplicates(
        r.webhook!.log.filter((d) => d.status < 300),
        [stop],
      ),
    ).toEqual([]);
    expect(unexplainedDuplicates(r.smtp!.mails, [stop])).toEqual([]);
    expect(deliveryJobs(counts, 'failed')).toBe(0);
    expect(counts.match.failed).toBe(0);

    second.kill('SIGTERM');
    expect((await second.waitForExit()).code).toBe(0);
    await r.report('sigterm', {
      recover_ms: recoverMs,
      stop_ms: stopMs,
      exit_code: exit.code,
      deadline_passed: deadlinePassed,
      delivered_at_term: deliveredAtTerm,
      delivered_at_exit: deliveredAtExit,
      deliveries_expected: total,
      left_in_queues_at_exit: {
        match_waiting: between.match.waiting,
        match_active: between.match.active,
        deliveries_waiting: deliveryJobs(between, 'waiting', 'prioritized', 'delayed'),
        deliveries_active: deliveryJobs(between, 'active'),
      },
    });
  });

  it('with deliveries hanging past the stop deadline: exits 0, the cut-off jobs are retried after restart', async () => {
    rig = await startRig();
    const r = rig;
    const total = r.expected.alerts.size * 3;
    const first = r.spawn('all');
    await first.httpUrl();
    await waitFor(async () => (await r.deliveredCount()) >= total * 0.3, 120_000, '30% delivered');
    // The webhook stops answering (longer than the 8 s stop deadline, shorter than its timeout).
    r.webhook!.delay(9500);
    const hungFrom = r.webhook!.log.length;
    await waitFor(() => r.webhook!.log.length > hungFrom, 20_000, 'a webhook delivery to hang');
    const termAt = Date.now();
    first.kill('SIGTERM');
    const exit = await first.waitForExit(30_000);
    const stopMs = Date.now() - termAt;
    r.webhook!.delay(0);
    const hung = r.webhook!.log.length - hungFrom;
    expect(exit.code).toBe(0);
    expect(first.output()).toContain('did not finish before the deadline');

    const restartedAt = Date.now();
    const second = r.spawn('all');
    await waitFor(() => r.allDelivered(), 150_000, 'every expected alert on every channel', 250);
    const recoverMs = Date.now() - restartedAt;
    await sleep(2000);
    const counts = await queueCounts(r.config.redisUrl, r.config.prefix);

    const tally = await r.tally();
    for (const [channel, t] of Object.entries(tally)) {
      expect(t.missing, `${channel}: alerts never delivered`).toEqual([]);
      expect(t.unexpected, `${channel}: alerts not expected`).toEqual([]);
    }
    // Only the hung webhook sends can repeat; the other channels finished within the deadline.
    expect(tally.console.duplicates).toBe(0);
    expect(tally.desk.duplicates).toBe(0);
    expect(tally.siem.duplicates).toBeLessThanOrEqual(hung);
    const stop = [termAt - 10_000, termAt + stopMs] as const;
    expect(
      unexplainedDuplicates(
        r.webhook!.log.filter((d) => d.status < 300),
        [stop],
      ),
    ).toEqual([]);
    expect(deliveryJobs(counts, 'failed')).toBe(0);

    second.kill('SIGTERM');
    expect((await second.waitForExit()).code).toBe(0);
    await r.report('sigterm-past-deadline', {
      recover_ms: recoverMs,
      stop_ms: stopMs,
      exit_code: exit.code,
      hung_webhook_deliveries: hung,
      deliveries_expected: total,
    });
  });
});

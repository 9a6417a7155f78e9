import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { readyz, sleep, startRig, waitFor, type Rig } from './harness/index.js';

// Redis over its maxmemory (noeviction) for 30 s while the daemon runs: every write is refused.
// The daemon must not flood its log (fewer than 100 lines in that time), must report not-ready,
// and must poll and deliver again within 10 s of memory being freed, losing nothing.

const OOM_MS = 30_000;
const INTERVAL_MS = 2000;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

/** Feed requests served so far, all feeds. */
const requests = (r: Rig) => [...r.feeds.requests.values()].reduce((s, n) => s + n, 0);

/** The most frequent log messages (pino's `msg`), with counts. */
function topMessages(lines: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    let msg = line.slice(0, 80);
    try {
      const o = JSON.parse(line) as { msg?: string; err?: { message?: string } | string };
      const err = typeof o.err === 'string' ? o.err : o.err?.message;
      msg = `${o.msg ?? ''}${err ? `: ${err.slice(0, 60)}` : ''}`;
    } catch {
      // not JSON: keep the raw start
    }
    counts.set(msg, (counts.get(msg) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).slice(0, 6));
}

describe('Redis refusing writes (maxmemory reached)', () => {
  it('backs off quietly, reports not-ready, and recovers by itself', async () => {
    rig = await startRig({
      privateRedis: true,
      feeds: { feeds: 6, itemsPerFeed: 20, flaggedShare: 0.3 },
      config: { interval: `${INTERVAL_MS / 1000}s`, watchdogStall: '120s' },
    });
    const r = rig;
    const admin = new Redis(r.redis!.url);
    try {
      const daemon = r.spawn('all');
      const http = await daemon.httpUrl();
      await waitFor(() => r.allDelivered(), 90_000, 'every alert before the outage', 250);

      await admin.config('SET', 'maxmemory', '1');
      const oomAt = Date.now();
      // News keeps arriving while Redis refuses to store it.
      r.feeds.add(12);
      await r.refreshExpected();
      const ready: number[] = [];
      while (Date.now() - oomAt < OOM_MS) {
        ready.push(await readyz(http));
        await sleep(500);
      }
      // Lines logged while writes were refused, by their own timestamps (stdout and stderr).
      const during = daemon
        .output()
        .split('\n')
        .filter((l) => {
          const t = Date.parse((/"time":"([^"]+)"/.exec(l) ?? [])[1] ?? '');
          return t >= oomAt && t <= Date.now();
        });
      const linesDuring = during.length;
      const requestsAtFree = requests(r);
      await admin.config('SET', 'maxmemory', '0');
      const freedAt = Date.now();
      const pollBackMs = await waitFor(
        () => requests(r) > requestsAtFree,
        30_000,
        'a poll after memory was freed',
        50,
      );
      const readyBackMs = await waitFor(
        async () => (await readyz(http)) === 200,
        30_000,
        '/readyz 200',
      );
      await waitFor(
        () => r.allDelivered(),
        90_000,
        'the items that arrived during the outage',
        250,
      );
      const recoverMs = Date.now() - freedAt;

      daemon.kill('SIGTERM');
      expect((await daemon.waitForExit()).code).toBe(0);
      const tally = await r.tally();
      await r.report('redis-oom', {
        recover_ms: recoverMs,
        oom_ms: OOM_MS,
        log_lines_during_oom: linesDuring,
        top_messages_during_oom: topMessages(during),
        readyz_503_samples: ready.filter((s) => s === 503).length,
        readyz_samples: ready.length,
        poll_back_after_ms: pollBackMs,
        readyz_200_after_ms: readyBackMs,
      });
      expect(linesDuring).toBeLessThan(100);
      expect(daemon.output()).toContain('Redis refuses writes');
      expect(daemon.output()).toContain('Redis accepts writes again');
      // Allow the first probe or two before the refusal is seen.
      expect(ready.slice(4).every((s) => s === 503)).toBe(true);
      expect(pollBackMs).toBeLessThan(10_000);
      for (const [channel, t] of Object.entries(tally)) {
        expect(t.missing, `${channel}: alerts never delivered`).toEqual([]);
        expect(t.duplicates, `${channel}: alerts delivered twice`).toBe(0);
      }
    } finally {
      admin.disconnect();
    }
  });
});

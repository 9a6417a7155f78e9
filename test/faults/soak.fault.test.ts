import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/config.js';
import { writeConfig } from './harness/config.js';
import { killAllDaemons, spawnDaemon } from './harness/daemon.js';
import { feedServer, type FeedServer } from './harness/feeds.js';
import { privateRedis, type PrivateRedis } from './harness/redis.js';
import { logFileCounts } from './harness/report.js';
import { sleep } from './harness/wait.js';
import { webhookReceiver, type WebhookReceiver } from './harness/webhook.js';
import { retryStats } from './support/logs.js';
import {
  keysPerNewItem,
  levelsOff,
  peakBelow,
  peakLevelsOff,
  sample,
  type SoakSample,
} from './support/sampler.js';

/*
 * Soak: 200 feeds with a new item in every feed on every poll, one daemon (role all), for
 * SW_SOAK_SECONDS (60 in the suite; the issue's 10-minute run is SW_SOAK_SECONDS=600). A burst
 * of 2,000 items at start fills every queue's completed-job retention early, so the rest of the
 * run shows the steady state. Every 10 s: Redis used_memory, DBSIZE, daemon VmRSS, and the bytes
 * of the per-story dedup sets, written to test-results/faults/soak.json.
 *
 * Criterion: Redis keeps two kinds of data. The dedup sets (feed seen-sets, the story set, the
 * delivered ledgers) hold one small entry per story until their retention (30 and 180 days) and
 * so grow with the item count by design; the test bounds their cost per entry. Everything else
 * (jobs, events, locks, feed state) and the key count must level off: the
 * least-squares slope over the last third of the run may be at most a quarter of the slope over
 * the first third, plus a small floor for noise (see levelsOff). Slopes over a third, rather than
 * two end points, keep one GC or one burst of waiting jobs from deciding the outcome. The key
 * count also may not grow with the news: over the last third it may gain at most one key per five
 * new items, so a key per item or per alert (the ledger's status keys before bf9dda8) fails even
 * in the 60 s run, where the quarter-of-the-start rule alone is too loose to see it. The daemon's
 * RSS swings with garbage collection, so for it the peak of the last third may exceed the peak
 * before it by at most 15% (see peakLevelsOff) — in runs of 3 minutes or more. A shorter run ends
 * inside V8's warm-up, before the first full collection (a 240 s run: 175 → 305 MB over the first
 * 60 s, 221 MB at 70 s, then 217–218 MB to the end), so there RSS only has to stay under a cap.
 */
const SECONDS = Number(process.env.SW_SOAK_SECONDS ?? 60);
const SAMPLE_MS = 10_000;
/** Runaway bound for runs too short to show levelling (the warm-up peak was ~305 MB). */
const RSS_CAP_BYTES = 512 * 1024 * 1024;
const FEEDS = 200;
const POLL_S = 5;

describe(`soak: ${FEEDS} feeds, new items every poll, ${SECONDS} s`, () => {
  let redis: PrivateRedis | undefined;
  let feeds: FeedServer | undefined;
  let hook: WebhookReceiver | undefined;
  let dir: string | undefined;
  let client: Redis | undefined;
  let ticker: NodeJS.Timeout | undefined;
  afterAll(async () => {
    clearInterval(ticker);
    await killAllDaemons();
    client?.disconnect();
    await Promise.allSettled([feeds?.close(), hook?.close(), redis?.dispose()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'levels off: keys, non-dedup Redis memory and daemon RSS stop growing',
    async () => {
      redis = await privateRedis({ log: true });
      feeds = await feedServer({
        feeds: FEEDS,
        itemsPerFeed: 10,
        flaggedShare: 0.3,
        maxPerDocument: 10,
      });
      hook = await webhookReceiver();
      dir = await mkdtemp(path.join(tmpdir(), 'sw-fault-soak-'));
      const cfg = await writeConfig(dir, {
        feeds: feeds.feeds,
        redisUrl: redis.url,
        interval: `${POLL_S}s`,
        webhook: { url: hook.url, secret: hook.secret },
        watchdogStall: '2m',
      });
      client = new Redis(redis.url, { maxRetriesPerRequest: 2 });
      client.on('error', () => undefined);
      const out = path.join(repoRoot, 'test-results/faults');
      await mkdir(out, { recursive: true });
      const file = path.join(out, 'soak.json');

      const daemon = spawnDaemon({ config: cfg.path, env: cfg.env });
      await daemon.httpUrl(60_000);
      const started = Date.now();
      // One new item per feed per poll interval.
      ticker = setInterval(() => feeds!.add(FEEDS), POLL_S * 1000);

      const samples: SoakSample[] = [];
      const take = async () => {
        const t = Math.round((Date.now() - started) / 1000);
        samples.push(await sample(client!, cfg.prefix, daemon.pid, t, feeds!.items.length));
      };
      // The curve so far is written after every sample, so a run cut short still leaves it.
      const flush = () =>
        writeFile(
          file,
          `${JSON.stringify({ scenario: 'soak', seconds: SECONDS, partial: true, samples }, null, 2)}\n`,
        );
      const lost = async (what: string) =>
        new Error(
          `${what}; redis exit ${JSON.stringify(redis!.exit)}; redis log:\n${await redis!.logTail()}\ndaemon:\n${daemon.output().slice(-2000)}`,
        );
      await take();
      while (Date.now() - started < SECONDS * 1000) {
        await sleep(Math.min(SAMPLE_MS, started + SECONDS * 1000 - Date.now()));
        if (daemon.exited) throw await lost(`daemon exited ${JSON.stringify(daemon.exited)}`);
        if (redis.exit) throw await lost('redis-server ended');
        await take().catch(async (err: unknown) => {
          throw await lost(`sampling failed (${String(err)})`);
        });
        await flush();
      }
      clearInterval(ticker);

      const checks = {
        keys: levelsOff(samples, (s) => s.keys, 1),
        otherBytes: levelsOff(samples, (s) => s.otherBytes, 16 * 1024),
        rss:
          SECONDS >= 180
            ? peakLevelsOff(samples, (s) => s.rss, 1.15)
            : peakBelow(samples, (s) => s.rss, RSS_CAP_BYTES),
        keysPerItem: keysPerNewItem(samples, 0.2),
      };
      const last = samples[samples.length - 1];
      const bytesPerDedupEntry = last.dedupEntries > 0 ? last.dedupBytes / last.dedupEntries : 0;
      const delivered = (await logFileCounts(cfg.logFile)).size;
      const report = {
        scenario: 'soak',
        seconds: SECONDS,
        feeds: FEEDS,
        poll_interval_s: POLL_S,
        items_generated: feeds.items.length,
        alerts_logged: delivered,
        webhook_delivered: hook.counts().size,
        bytes_per_dedup_entry: Math.round(bytesPerDedupEntry),
        checks,
        retries: retryStats(daemon.records()),
        samples,
      };
      await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);

      expect(samples.length).toBeGreaterThanOrEqual(4);
      // The daemon kept up: alerts kept flowing to the end.
      expect(delivered).toBeGreaterThan(0);
      expect(last.dedupEntries).toBeGreaterThan(0);
      // An entry of a dedup set is a link or key plus a score: a few hundred bytes at most.
      expect(bytesPerDedupEntry).toBeLessThan(300);
      for (const [name, c] of Object.entries(checks))
        expect(c.ok, `${name}: ${JSON.stringify(c)}`).toBe(true);
    },
    (SECONDS + 180) * 1000,
  );
});

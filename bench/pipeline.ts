// `npm run bench -- pipeline`: items polled from a local feed server through poller → matcher →
// notifier (log file + local webhook) with every role in one process, on a private redis-server.
// Line 1 (max): wall time for 20,000 items against a same-run baseline (one queue, queue.add per
// item, its worker matches and delivers inline). Line 2 (latency): poll-to-delivery at 200 items/s.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { compileFromConfig } from '../src/sources/compile.js';
import { createChannels } from '../src/alerts/channels/index.js';
import { buildAlerts, routeMatches } from '../src/alerts/route.js';
import type { Config } from '../src/config/schema.js';
import { fetchFeed } from '../src/feeds/fetch.js';
import { storyKey } from '../src/feeds/normalise.js';
import { parseFeed } from '../src/feeds/parse.js';
import type { FeedItem } from '../src/feeds/types.js';
import type { Matcher } from '../src/matching/index.js';
import { benchApp, benchConfig, benchLogger, counterSum, until } from './lib/app.js';
import { loadTexts, makeItems, rss, type BenchItem } from './lib/items.js';
import { startProfile } from './lib/profile.js';
import { commandDelta, startPrivateRedis } from './lib/redis-server.js';
import { startFeedServer, startHook, type FeedServer } from './lib/servers.js';

// BENCH_ITEMS, BENCH_ROUNDS and BENCH_ONLY (max|latency|pipeline) shorten runs while profiling.
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const ONLY = process.env.BENCH_ONLY;
const PER_POLL = 25;
const OFFERED = 200;
const LATENCY_SECONDS = 15;

const texts = await loadTexts();
const redis = await startPrivateRedis();
const feeds = await startFeedServer();
let onAlert: (alert: { id: string; polledAt?: number }, at: number) => void = () => undefined;
const hook = await startHook((a, at) => onAlert(a, at));
const dir = await mkdtemp(path.join(tmpdir(), 'sw-bench-'));

/** The bench config for `feedList` under `prefix`, on this run's Redis, webhook and folder. */
function configFor(prefix: string, feedList: { name: string; url: string }[]) {
  return benchConfig({ redisUrl: redis.url, prefix, feeds: feedList, hookUrl: hook.url, dir });
}

/** Serves the items as feeds of `perPoll` items each; returns their names and URLs. */
function publish(server: FeedServer, items: BenchItem[], tag: string, perPoll = PER_POLL) {
  const out: { name: string; url: string }[] = [];
  for (let k = 0; k * perPoll < items.length; k++) {
    server.set(`/${tag}/${k}.xml`, rss(`${tag}${k}`, items.slice(k * perPoll, (k + 1) * perPoll)));
    out.push({ name: `${tag}${k}`, url: `${server.url}/${tag}/${k}.xml` });
  }
  return out;
}

/** Alerts the pipeline must deliver per channel: items the matcher flags on a route. */
function expectedAlerts(matcher: Matcher, config: Config, items: BenchItem[]): number {
  let n = 0;
  for (const it of items) {
    const r = matcher.match({ title: it.title, body: it.body });
    if (r.flagged && config.routes.some((route) => routeMatches(route, r))) n++;
  }
  return n;
}

interface RunResult {
  seconds: number;
  cmds: ReturnType<typeof commandDelta>;
  cpu: NodeJS.CpuUsage;
}

/** The pipeline under test: every poll job added at once, timed until every alert is delivered. */
async function pipelineRun(
  feedList: { name: string; url: string }[],
  prefix: string,
  expected: number,
  profileFile?: string,
): Promise<RunResult> {
  const config = await configFor(prefix, feedList);
  let hooked = 0;
  onAlert = () => hooked++;
  const app = benchApp(config);
  await app.start();
  const ctx = app.context!;
  const profiler = await startProfile(profileFile);
  const s0 = await redis.stats();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await ctx.queues.poll.addBulk(feedList.map((f) => ({ name: 'poll', data: { feed: f.name } })));
  await until(
    async () =>
      hooked >= expected &&
      (await counterSum(ctx.metrics.itemsMatched)) >= ITEMS &&
      (await counterSum(ctx.metrics.deliveries, { channel: 'console', outcome: 'delivered' })) >=
        expected,
    600_000,
  );
  const seconds = (performance.now() - t0) / 1000;
  const cmds = commandDelta(s0, await redis.stats());
  const cpu = process.cpuUsage(c0);
  await profiler?.stop();
  await app.stop();
  return { seconds, cmds, cpu };
}

/**
 * The baseline: the same feeds fetched and parsed, then one job per item (`queue.add`), matched
 * and delivered inline by the job's worker.
 */
async function baselineRun(
  feedList: { name: string; url: string }[],
  prefix: string,
  expected: number,
  config: Config,
  matcher: Matcher,
  profileFile?: string,
): Promise<RunResult> {
  let hooked = 0;
  onAlert = () => hooked++;
  const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
  const wconn = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue<{ feed: string; item: FeedItem; polledAt: number }>('baseline', {
    connection: conn,
    prefix,
  });
  const channels = createChannels(config, { logger: benchLogger });
  let done = 0;
  const worker = new Worker<{ feed: string; item: FeedItem; polledAt: number }>(
    'baseline',
    async (job) => {
      const { item, feed, polledAt } = job.data;
      const result = matcher.match({ title: item.title, body: item.body });
      if (!result.flagged) return;
      const built = buildAlerts({
        item: { key: storyKey(item), title: item.title, link: item.link, feed },
        result,
        routes: config.routes,
        channels: config.channels,
        now: new Date(),
        polledAt,
      });
      for (const { alert, channels: targets } of built)
        for (const c of targets) await channels.get(c.name)!.deliver(alert);
    },
    { connection: wconn, prefix, concurrency: 8 },
  );
  worker.on('completed', () => done++);
  await worker.waitUntilReady();
  const profiler = await startProfile(profileFile);
  const s0 = await redis.stats();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < feedList.length) {
        const f = feedList[next++];
        const polledAt = Date.now();
        const fetched = await fetchFeed(f.url);
        if (fetched.kind !== 'ok') throw new Error(`baseline fetch of ${f.url}: ${fetched.kind}`);
        const parsed = await parseFeed(fetched.body, { contentType: fetched.contentType });
        for (const item of parsed.items) await queue.add('item', { feed: f.name, item, polledAt });
      }
    }),
  );
  await until(() => done >= ITEMS && hooked >= expected, 600_000);
  const seconds = (performance.now() - t0) / 1000;
  const cmds = commandDelta(s0, await redis.stats());
  const cpu = process.cpuUsage(c0);
  await profiler?.stop();
  await worker.close();
  await queue.close();
  for (const c of channels.values()) await c.close?.();
  conn.disconnect();
  wconn.disconnect();
  return { seconds, cmds, cpu };
}

const perItem = (n: number) => Math.round((n / ITEMS) * 100) / 100;
const cpuPerItem = (r: RunResult) => Math.round((r.cpu.user + r.cpu.system) / ITEMS);
const redisCpuPerItem = (r: RunResult) => Math.round((r.cmds.cpu * 1e6) / ITEMS);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * BENCH_ROUNDS rounds (default 5) of pipeline then baseline, each on fresh keys; the best round
 * of each is reported. The host steals CPU in bursts (redis-server's own CPU per item swings by
 * a third between identical runs), which only ever slows a run, so the fastest of several
 * alternated runs is the fairest comparison; every round is printed too.
 */
async function maxRun() {
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? (ONLY === 'pipeline' ? 1 : 5)));
  const items = makeItems(texts, ITEMS, 'max', Number(process.env.BENCH_SHARE ?? 0.05));
  const feedList = publish(feeds, items, 'm');
  const config = await configFor('bmax', feedList);
  const { matcher } = await compileFromConfig(config);
  const expected = expectedAlerts(matcher, config, items);
  const runs: { pipeline: RunResult; baseline?: RunResult }[] = [];
  for (let r = 0; r < rounds; r++) {
    // BENCH_PROFILE / BENCH_PROFILE_BASELINE=<file>: CPU profiles of the first round's windows.
    const pipeline = await pipelineRun(
      feedList,
      `bmax${r}`,
      expected,
      r === 0 ? process.env.BENCH_PROFILE : undefined,
    );
    const baseline =
      ONLY === 'pipeline'
        ? undefined
        : await baselineRun(
            feedList,
            `bbase${r}`,
            expected,
            config,
            matcher,
            r === 0 ? process.env.BENCH_PROFILE_BASELINE : undefined,
          );
    runs.push({ pipeline, baseline });
  }
  const fastest = (rs: RunResult[]) => rs.reduce((x, y) => (y.seconds < x.seconds ? y : x));
  const best = fastest(runs.map((r) => r.pipeline));
  const head = {
    bench: 'pipeline',
    mode: 'max',
    items: ITEMS,
    items_per_s: Math.round(ITEMS / best.seconds),
  };
  if (ONLY === 'pipeline') {
    console.log(
      JSON.stringify({
        ...head,
        redis_cmds_per_item: perItem(best.cmds.total),
        cpu_us_per_item: cpuPerItem(best),
        redis_cpu_us_per_item: redisCpuPerItem(best),
        rounds: runs.map((r) => Math.round(ITEMS / r.pipeline.seconds)),
        redis_cmds_top: best.cmds.top,
      }),
    );
    return;
  }
  const baseBest = fastest(runs.map((r) => r.baseline!));
  const ratio = (pipeline: RunResult, baseline: RunResult) =>
    Math.round((baseline.seconds / pipeline.seconds) * 100) / 100;
  console.log(
    JSON.stringify({
      ...head,
      baseline_items_per_s: Math.round(ITEMS / baseBest.seconds),
      ratio: ratio(best, baseBest),
      redis_cmds_per_item: perItem(best.cmds.total),
      baseline_redis_cmds_per_item: perItem(baseBest.cmds.total),
      alerts: expected,
      deliveries: expected * 2,
      items_per_poll: PER_POLL,
      // CPU per item (this process, all threads; and redis-server), from the best rounds.
      cpu_us_per_item: cpuPerItem(best),
      baseline_cpu_us_per_item: cpuPerItem(baseBest),
      redis_cpu_us_per_item: redisCpuPerItem(best),
      baseline_redis_cpu_us_per_item: redisCpuPerItem(baseBest),
      // Every round, in run order: items/s of pipeline and baseline, and their ratio.
      rounds: runs.map((r) => ({
        items_per_s: Math.round(ITEMS / r.pipeline.seconds),
        baseline_items_per_s: Math.round(ITEMS / r.baseline!.seconds),
        ratio: ratio(r.pipeline, r.baseline!),
      })),
      ratio_median_of_rounds: median(runs.map((r) => ratio(r.pipeline, r.baseline!))),
      redis_cmds_top: best.cmds.top,
    }),
  );
}

async function latencyRun() {
  const count = OFFERED * LATENCY_SECONDS;
  const perPoll = OFFERED / 10; // one poll every 100 ms
  const items = makeItems(texts, count, 'lat');
  const feedList = publish(feeds, items, 'l', perPoll);
  const config = await configFor('blat', feedList);
  const { matcher } = await compileFromConfig(config);
  const expected = expectedAlerts(matcher, config, items);
  const latencies: number[] = [];
  onAlert = (alert, at) => {
    if (alert.polledAt !== undefined) latencies.push(at - alert.polledAt);
  };
  const app = benchApp(config);
  await app.start();
  const ctx = app.context!;
  const t0 = performance.now();
  for (let k = 0; k < feedList.length; k++) {
    const due = t0 + k * 100;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await ctx.queues.poll.add('poll', { feed: feedList[k].name });
  }
  await until(() => latencies.length >= expected, 120_000);
  await app.stop();
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  console.log(
    JSON.stringify({
      bench: 'pipeline',
      mode: 'latency',
      offered_per_s: OFFERED,
      p50_ms: q(0.5),
      p99_ms: q(0.99),
      max_ms: latencies[latencies.length - 1],
      samples: latencies.length,
      items: count,
    }),
  );
}

try {
  if (ONLY !== 'latency') await maxRun();
  if (ONLY !== 'max' && ONLY !== 'pipeline') await latencyRun();
} finally {
  await hook.close();
  await feeds.close();
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
}

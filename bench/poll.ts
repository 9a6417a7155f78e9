// `npm run bench -- poll`: 2,000 feeds on a local server polled through the poller (createApp role
// 'poller', private redis-server), most answering 304: polls per second and CPU per poll. Then
// one pollFeed of a 500-item feed, first poll and repeat, as before.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app/create-app.js';
import { pollFeed } from '../src/pipeline/poll.js';
import { benchConfig, benchLogger, until } from './lib/app.js';
import { loadTexts, makeItems, rss } from './lib/items.js';
import { startProfile } from './lib/profile.js';
import { commandDelta, startPrivateRedis } from './lib/redis-server.js';
import { startFeedServer } from './lib/servers.js';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 2000);
const PER_FEED = 20;
const CHANGED_SHARE = 0.05;

const texts = await loadTexts();
const redis = await startPrivateRedis();
const server = await startFeedServer();
const dir = await mkdtemp(path.join(tmpdir(), 'sw-bench-poll-'));
try {
  const items = makeItems(texts, FEEDS * PER_FEED + FEEDS, 'poll');
  const feeds = Array.from({ length: FEEDS }, (_, k) => {
    server.set(`/p/${k}.xml`, rss(`p${k}`, items.slice(k * PER_FEED, (k + 1) * PER_FEED)));
    return { name: `p${k}`, url: `${server.url}/p/${k}.xml` };
  });
  const config = await benchConfig({
    redisUrl: redis.url,
    prefix: 'bpoll',
    feeds,
    hookUrl: 'http://127.0.0.1:1/hook',
    dir,
  });
  const app = createApp({ config, logger: benchLogger, role: 'poller' });
  await app.start();
  const ctx = app.context!;
  // Completed poll jobs, counted from the worker's events: reading the per-feed metrics every
  // few ms would cost more CPU than the polls themselves.
  let polled = 0;
  app.workers.find((w) => w.name === 'poll')!.on('completed', () => polled++);
  const round = async () => {
    const before = polled;
    await ctx.queues.poll.addBulk(feeds.map((f) => ({ name: 'poll', data: { feed: f.name } })));
    await until(() => polled - before >= FEEDS, 600_000);
  };
  await round(); // first sight of every feed: 200s with items, ETags recorded
  // A few feeds publish one new item; the rest answer 304.
  const every = Math.round(1 / CHANGED_SHARE);
  for (let k = 0; k < FEEDS; k += every) {
    const fresh = items[FEEDS * PER_FEED + k];
    server.set(
      `/p/${k}.xml`,
      rss(`p${k}`, [fresh, ...items.slice(k * PER_FEED, (k + 1) * PER_FEED - 1)]),
    );
  }
  const req0 = { ...server.requests };
  const s0 = await redis.stats();
  // BENCH_PROFILE=<file>: a CPU profile of the timed round only.
  const profiler = await startProfile(process.env.BENCH_PROFILE);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await round();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cmds = commandDelta(s0, await redis.stats());
  await profiler?.stop();
  await app.stop();
  console.log(
    JSON.stringify({
      bench: 'poll',
      mode: 'feeds',
      feeds: FEEDS,
      not_modified: server.requests.notModified - req0.notModified,
      requests: server.requests.total - req0.total,
      polls_per_s: Math.round(FEEDS / seconds),
      cpu_us_per_poll: Math.round((cpu.user + cpu.system) / FEEDS),
      redis_cmds_per_poll: Math.round((cmds.total / FEEDS) * 10) / 10,
      redis_cpu_us_per_poll: Math.round((cmds.cpu * 1e6) / FEEDS),
      concurrency: config.poller.concurrency,
      redis_cmds_top: cmds.top,
    }),
  );

  // One 500-item feed through pollFeed alone: the parse-heavy case.
  const big = makeItems(texts, 500, 'big');
  server.set('/big.xml', rss('big', big));
  const defaults = {
    maxItemAge: 7 * 86_400_000,
    maxBytes: 15 << 20,
    timeout: 30_000,
    connectTimeout: 10_000,
    contact: 'bench',
    maxBackoff: 3600_000,
  };
  const { Redis } = await import('ioredis');
  const conn = new Redis(redis.url);
  const out: Record<string, number | string> = {};
  for (const label of ['first', 'repeat'] as const) {
    const t = performance.now();
    const r = await pollFeed(
      { redis: conn, prefix: 'bbig', defaults, clock: { now: () => Date.now() } },
      { name: 'big', url: `${server.url}/big.xml`, interval: 60_000 },
    );
    out[`${label}_ms`] = Math.round((performance.now() - t) * 10) / 10;
    out[`${label}_status`] = r.status;
  }
  conn.disconnect();
  console.log(JSON.stringify({ bench: 'poll', mode: 'one-feed', items: 500, ...out }));
} finally {
  await server.close();
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFeedSource } from '../../src/feeds/source.js';
import { DELIVERY_QUEUES, QueueNames } from '../../src/queues/registry.js';
import { repoRoot } from '../helpers/config.js';
import { REDIS_URL, deletePrefix } from '../helpers/redis.js';

const SEED = "Grinning Kim Jong-un and Putin's defence chief salute nuke as it rolls by";
// The sample stories written to alert; every other bundled item must stay quiet.
const ALERTING = new Set([
  SEED,
  'Coast guard seizes ship-to-ship transfer of refined petroleum bound for North Korea',
  'Panel of experts finds Iranian-made drone components in weapons seized on route to Houthis',
  'Cargo flights carried armoured vehicles to eastern Libya despite UN arms embargo, report says',
]);
const ALERT_LINE = /^ALERT (\S+) score=(\d\.\d\d) "(.*)" \(([^)]+)\) id=(a_[0-9a-f]+)$/;

interface Demo {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with stdout once `pred` holds on it; rejects after `ms`. */
  waitFor: (pred: (out: string) => boolean, ms: number, what: string) => Promise<string>;
  exited: Promise<number | null>;
}

function startDemo(env: NodeJS.ProcessEnv): Demo {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/sanctionwatch.js'), 'demo'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  const waitFor = (pred: (o: string) => boolean, ms: number, what: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (!pred(out)) return;
        cleanup();
        resolve(out);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${what} within ${ms} ms; stdout:\n${out}\nstderr:\n${err}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      void exited.then(() => {
        if (waiters.has(check)) {
          cleanup();
          reject(new Error(`demo exited before ${what}; stdout:\n${out}\nstderr:\n${err}`));
        }
      });
      check();
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exited };
}

const alertLines = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('ALERT '))
    .map((l) => {
      const m = ALERT_LINE.exec(l);
      if (!m) throw new Error(`malformed ALERT line: ${l}`);
      return { categories: m[1].split(','), score: m[2], title: m[3], feed: m[4], id: m[5] };
    });

async function pollUntil(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Sum of a Prometheus counter over all its labels, from the ops server's /metrics. */
async function metricSum(base: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('metrics', base))).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`).exec(line);
    if (m) sum += Number(m[1]);
  }
  return sum;
}

async function sampleTitles(): Promise<string[]> {
  const dir = path.join(repoRoot, 'demo/feeds');
  const titles: string[] = [];
  for (const f of await readdir(dir)) {
    const feed = await readFeedSource(path.join(dir, f));
    titles.push(...feed.items.map((i) => i.title));
  }
  return titles;
}

describe('sanctionwatch demo (process)', () => {
  let tmp: string;
  let demo: Demo | undefined;
  let prefix: string | undefined;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'sw-demo-test-'));
  });
  afterEach(async () => {
    // Only on a failed test is the child still running or are keys left.
    if (demo && demo.child.exitCode === null) {
      demo.child.kill('SIGKILL');
      await demo.exited;
    }
    if (prefix) await deletePrefix(`${prefix}:`);
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('alerts on the seed article, serves the dashboard, and leaves nothing behind on SIGINT', async () => {
    const titles = await sampleTitles();
    expect(titles).toContain(SEED);
    expect(titles.length).toBeGreaterThanOrEqual(15);
    const demoTmp = await mkdtemp(path.join(tmp, 'run-'));
    demo = startDemo({ REDIS_URL, TMPDIR: demoTmp, LOG_LEVEL: 'warn' });

    const out = await demo.waitFor((o) => o.includes(`"${SEED}"`), 20_000, 'seed ALERT line');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^Feeds: {5}http:\/\/127\.0\.0\.1:\d+\/ \(4 sample feeds\)$/);
    expect(lines[1]).toMatch(/^Dashboard: http:\/\/127\.0\.0\.1:\d+\/$/);
    prefix = /^Prefix:\s+(sw-demo-[0-9a-f]{8})$/m.exec(out)?.[1];
    expect(prefix).toBeDefined();
    const seed = alertLines(out).find((a) => a.title === SEED)!;
    expect(seed.categories).toEqual(expect.arrayContaining(['arms_transfer', 'un_violation']));
    expect(seed.feed).toBe('world-wire');

    const dashboard = lines[1].slice('Dashboard: '.length);
    const health = await fetch(new URL('healthz', dashboard));
    expect(health.status).toBe(200);
    const feedIndex = await fetch(lines[0].split(/\s+/)[1]);
    expect(feedIndex.status).toBe(200);

    // Once every bundled story has been handed to the matcher and the match and delivery queues
    // are idle, every alert there will be has reached the receivers: exactly the alerting stories.
    await pollUntil(
      async () => (await metricSum(dashboard, 'sanctionwatch_feed_items_total')) >= titles.length,
      20_000,
      'all sample items polled',
    );
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queues = [QueueNames.match, ...DELIVERY_QUEUES].map(
      (name) => new Queue(name, { connection: redis, prefix }),
    );
    try {
      await pollUntil(
        async () => {
          const counts = await Promise.all(
            queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
          );
          return counts.every((c) => Object.values(c).every((n) => n === 0));
        },
        20_000,
        'idle match and delivery queues',
      );
    } finally {
      await Promise.all(queues.map((q) => q.close()));
      redis.disconnect();
    }
    const all = await demo.waitFor((o) => alertLines(o).length >= ALERTING.size, 5_000, 'alerts');
    expect(new Set(alertLines(all).map((a) => a.title))).toEqual(ALERTING);
    expect(alertLines(all)).toHaveLength(ALERTING.size);

    demo.child.kill('SIGINT');
    const code = await demo.exited;
    expect(demo.stderr()).toBe('');
    expect(code).toBe(0);
    expect(demo.stdout()).toMatch(/^Stopped: 4 alerts, removed [1-9]\d* Redis keys$/m);
    const left = new Redis(REDIS_URL);
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await left.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      expect(keys).toEqual([]);
    } finally {
      left.disconnect();
    }
    expect(await readdir(demoTmp)).toEqual([]);
  }, 90_000);

  it('exits 1 with one line when Redis is unreachable, leaving no temp files', async () => {
    const demoTmp = await mkdtemp(path.join(tmp, 'down-'));
    demo = startDemo({ REDIS_URL: 'redis://127.0.0.1:1', TMPDIR: demoTmp });
    const code = await demo.exited;
    expect(code).toBe(1);
    expect(demo.stdout()).toBe('');
    const err = demo.stderr().trim().split('\n');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^sanctionwatch: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    expect(await readdir(demoTmp)).toEqual([]);
  }, 30_000);
});

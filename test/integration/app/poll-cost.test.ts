import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { repoRoot } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

// Guards the pipeline's cost (issue 9): with inline matching a poll costs a fixed number of Redis
// commands however many new items its document holds. Going back to work per item (a job, a
// script call or a round trip per item) fails here; a timing would only fail on a quiet machine.

function rss(tag: string, n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `<item><title>Council ${tag} meeting ${i} agrees the library budget</title>` +
      `<link>https://example.org/${tag}/${i}</link><guid>${tag}-${i}</guid>` +
      `<description>The council met on Tuesday and approved item ${i} of the budget.</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${tag}</title>${items.join('')}</channel></rss>`;
}

describe('Redis commands per poll with inline matching', () => {
  let app: App | undefined;
  let server: Server | undefined;
  let monitor: Redis | undefined;
  let prefix = '';
  let dir = '';
  afterEach(async () => {
    monitor?.disconnect();
    await app?.stop(3000);
    server?.close();
    await deletePrefix(prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is the same for a document of 5 new items and one of 50', async () => {
    prefix = randomPrefix('pollcost');
    const docs: Record<string, string> = { '/small.xml': rss('s', 5), '/big.xml': rss('b', 50) };
    server = createServer((req, res) => {
      const body = docs[req.url ?? ''];
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(tmpdir(), 'sw-pollcost-'));
    const config = await loadConfigFromText(
      `
redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { enabled: false }
feeds:
  - { name: small, url: "${base}/small.xml", interval: 1h, enabled: false }
  - { name: big, url: "${base}/big.xml", interval: 1h, enabled: false }
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
channels:
  - { name: console, type: log, file: alerts.jsonl }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console] }
`,
      { file: path.join(dir, 'sw.yaml') },
    );
    app = createApp({ config, logger: pino({ level: 'silent' }) });
    await app.start();
    const ctx = app.context!;

    // Top-level commands touching this test's keys (commands a script runs inside Redis are not
    // round trips, so they are left out).
    let commands: string[] = [];
    monitor = await new Redis(REDIS_URL).monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua' && args.some((a) => a.includes(prefix))) commands.push(args[0]);
    });

    const polled = async (feed: string) => {
      const { values } = await ctx.metrics.feedPolls.get();
      return values.filter((v) => v.labels.feed === feed).reduce((n, v) => n + v.value, 0);
    };
    const pollOnce = async (feed: string) => {
      commands = [];
      await ctx.queues.poll.add('poll', { feed });
      const deadline = Date.now() + 10_000;
      while ((await polled(feed)) < 1 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      // The job's completion follows the poll's last write.
      await new Promise((r) => setTimeout(r, 200));
      return [...commands];
    };

    const small = await pollOnce('small');
    const big = await pollOnce('big');
    const { values } = await ctx.metrics.feedItems.get();
    const items = Object.fromEntries(values.map((v) => [String(v.labels.feed), v.value]));
    expect(items).toEqual({ small: 5, big: 50 });
    // A stalled-job check may land in one window: allow a few commands either way.
    expect(
      Math.abs(big.length - small.length),
      `small: ${small.join(' ')}\nbig: ${big.join(' ')}`,
    ).toBeLessThanOrEqual(3);
    expect(big.length, big.join(' ')).toBeLessThanOrEqual(30);
    expect(await ctx.queues.match.getJobCounts('completed', 'wait')).toEqual({
      completed: 0,
      wait: 0,
    });
  });
});

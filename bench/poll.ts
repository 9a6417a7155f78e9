// Times one pollFeed of a 500-item feed end to end (HTTP fetch, parse, normalise, mark seen), first poll and a repeat.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { pollFeed } from '../src/feeds/poll.js';

const items = Array.from(
  { length: 500 },
  (_, i) =>
    `<item><title>Story ${i} about sanctions</title><link>https://news.test/s/${i}?utm_source=rss</link><guid>id-${i}</guid>` +
    `<pubDate>${new Date(Date.now() - i * 60_000).toUTCString()}</pubDate><description>&lt;p&gt;${'Body text. '.repeat(80)}&lt;/p&gt;</description></item>`,
).join('');
const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>${items}</channel></rss>`;
const server = createServer((_req, res) => res.end(xml));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `bench:${process.pid}`;
const defaults = {
  maxItemAge: 7 * 86_400_000,
  maxBytes: 15 << 20,
  timeout: 30_000,
  connectTimeout: 10_000,
  contact: 'bench',
  maxBackoff: 3600_000,
};
for (const label of ['first poll (500 new)', 'repeat poll (0 new)']) {
  const t0 = performance.now();
  const out = await pollFeed({
    redis,
    prefix,
    feed: { name: 'bench', url, interval: 60_000 },
    defaults,
    clock: { now: () => Date.now() },
  });
  console.log(
    `${label}: ${(performance.now() - t0).toFixed(1)} ms, status ${out.status}, items ${out.items.length}, ${xml.length} bytes`,
  );
}
const keys = await redis.keys(`${prefix}:*`);
if (keys.length) await redis.del(...keys);
await redis.quit();
server.close();

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pollFeed, type PollDefaults } from '../../../src/pipeline/poll.js';
import { loadFeedState, withFeedLockAndState } from '../../../src/store/feed-state.js';

const DAY = 86_400_000;
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: Server;
let base: string;
let redis: Redis;
let prefix: string;
let now = Date.parse('2024-06-01T12:00:00Z');
const clock = { now: () => now };
const defaults: PollDefaults = {
  maxItemAge: 7 * DAY,
  maxBytes: 64 * 1024,
  timeout: 1500,
  connectTimeout: 1000,
  contact: 'https://example.test/contact',
  maxBackoff: 6 * 3600_000,
};

function rss(items: Array<{ guid?: string; link: string; title: string; date?: string }>): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid>${i.guid}</guid>` : ''}${
          i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : ''
        }</item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.test/</link>${body}</channel></rss>`;
}

const fresh = new Date(now - 3600_000).toISOString();
const feedOf = (name: string, path: string) => ({ name, url: `${base}${path}`, interval: 60_000 });
const poll = (feed: { name: string; url: string; interval: number; maxItemAge?: number }) =>
  pollFeed({ redis, prefix, defaults, clock, random: () => 0.5 }, feed);

beforeAll(async () => {
  server = createServer((req, res) => {
    const h = routes.get(req.url!.split('?')[0]);
    if (h) h(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await redis.quit();
});

beforeEach(() => {
  prefix = `test:${randomBytes(6).toString('hex')}`;
  routes.clear();
  now = Date.parse('2024-06-01T12:00:00Z');
});

afterEach(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
});

describe('pollFeed', () => {
  it('sends validators on the second poll and gets not-modified; a restart re-enqueues nothing', async () => {
    let seenHeaders: IncomingMessage['headers'] = {};
    routes.set('/f', (req, res) => {
      seenHeaders = req.headers;
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      res.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Sat, 01 Jun 2024 10:00:00 GMT',
      });
      res.end(rss([{ guid: 'a', link: 'https://news.test/a', title: 'A', date: fresh }]));
    });
    const first = await poll(feedOf('f', '/f'));
    expect(first.status).toBe('new-items');
    expect(first.items.map((i) => i.key)).toEqual(['a']);
    expect(seenHeaders['user-agent']).toMatch(
      /^sanctionwatch\/\S+ \(\+https:\/\/example\.test\/contact\)$/,
    );
    expect(seenHeaders.accept).toMatch(/application\/rss\+xml/);
    const second = await poll(feedOf('f', '/f'));
    expect(second.status).toBe('not-modified');
    expect(seenHeaders['if-modified-since']).toBe('Sat, 01 Jun 2024 10:00:00 GMT');
    // A restart with lost validators: the document is parsed again, nothing is new.
    await redis.hdel(`${prefix}:feed:f:state`, 'etag', 'lastModified');
    const third = await poll(feedOf('f', '/f'));
    expect(third.status).toBe('no-new');
  });

  it('fails a body over the cap with a backoff, and a server that never answers with a timeout', async () => {
    routes.set('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel>');
      res.end('x'.repeat(200 * 1024));
    });
    routes.set('/hang', () => undefined);
    routes.set('/ok', (_req, res) =>
      res.end(rss([{ guid: 'o', link: 'https://news.test/o', title: 'O', date: fresh }])),
    );
    const [big, hang, ok] = await Promise.all([
      poll(feedOf('big', '/big')),
      poll(feedOf('hang', '/hang')),
      poll(feedOf('ok', '/ok')),
    ]);
    expect(big).toMatchObject({ status: 'failed', error: { code: 'FEED_TOO_LARGE' } });
    expect(hang).toMatchObject({ status: 'failed', error: { code: 'FEED_TIMEOUT' } });
    expect(ok.status).toBe('new-items');
    const state = await loadFeedState(redis, prefix, 'hang');
    expect(state.consecutiveFailures).toBe(1);
    expect(hang.nextPollAt).toBeGreaterThan(now);
    expect((await poll(feedOf('hang', '/hang'))).status).toBe('skipped-backoff');
  });

  it('refuses a redirect loop', async () => {
    routes.set('/loop1', (_req, res) => res.writeHead(302, { location: '/loop2' }).end());
    routes.set('/loop2', (_req, res) => res.writeHead(302, { location: '/loop1' }).end());
    expect(await poll(feedOf('loop', '/loop1'))).toMatchObject({
      status: 'failed',
      error: { code: 'FEED_REDIRECTS' },
    });
  });

  it('remembers a 301 target but not a 302 one', async () => {
    let oldHits = 0;
    routes.set('/old', (_req, res) => {
      oldHits++;
      res.writeHead(301, { location: '/new' }).end();
    });
    routes.set('/new', (_req, res) =>
      res.end(rss([{ guid: 'n', link: 'https://news.test/n', title: 'N' }])),
    );
    routes.set('/temp', (_req, res) => res.writeHead(302, { location: '/new' }).end());
    await poll(feedOf('moved', '/old'));
    expect((await loadFeedState(redis, prefix, 'moved')).permanentUrl).toBe(`${base}/new`);
    await poll(feedOf('moved', '/old'));
    expect(oldHits).toBe(1);
    await poll(feedOf('temp', '/temp'));
    expect((await loadFeedState(redis, prefix, 'temp')).permanentUrl).toBeUndefined();
  });

  it('stops polling a feed that answers 410', async () => {
    let hits = 0;
    routes.set('/gone', (_req, res) => {
      hits++;
      res.writeHead(410).end();
    });
    expect(await poll(feedOf('gone', '/gone'))).toMatchObject({ status: 'gone', nextPollAt: null });
    expect(await poll(feedOf('gone', '/gone'))).toMatchObject({ status: 'gone' });
    expect(hits).toBe(1);
  });

  it('waits at least Retry-After after a 429', async () => {
    routes.set('/busy', (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end());
    const out = await poll(feedOf('busy', '/busy'));
    expect(out.status).toBe('failed');
    expect(out.nextPollAt).toBeGreaterThanOrEqual(now + 7200_000);
    now += 3600_000;
    expect((await poll(feedOf('busy', '/busy'))).status).toBe('skipped-backoff');
  });

  it('does not return an item again when its GUID changes but its link stays', async () => {
    let guid = 'g1';
    routes.set('/g', (_req, res) =>
      res.end(
        rss([{ guid, link: 'https://news.test/story?utm_source=rss', title: 'S', date: fresh }]),
      ),
    );
    expect((await poll(feedOf('g', '/g'))).items).toHaveLength(1);
    guid = 'g2';
    expect(await poll(feedOf('g', '/g'))).toMatchObject({ status: 'no-new', items: [] });
  });

  it('marks items older than maxItemAge seen without returning them; undated items are new', async () => {
    routes.set('/age', (_req, res) =>
      res.end(
        rss([
          {
            guid: 'old',
            link: 'https://news.test/old',
            title: 'Old',
            date: new Date(now - 30 * DAY).toISOString(),
          },
          { guid: 'undated', link: 'https://news.test/u', title: 'U' },
          { guid: 'young', link: 'https://news.test/y', title: 'Y', date: fresh },
        ]),
      ),
    );
    const out = await poll(feedOf('age', '/age'));
    expect(out.items.map((i) => i.key)).toEqual(['undated', 'young']);
    expect(out.seenOld).toBe(1);
  });

  // Two feeds polled at the same moment may both offer a story (marking comes after the hand-off,
  // so nothing is lost); its alert id comes from the story key, so it still alerts once.
  it('returns a story carried by two feeds once', async () => {
    routes.set('/one', (_req, res) =>
      res.end(
        rss([{ guid: 'x1', link: 'https://news.test/shared', title: 'Shared', date: fresh }]),
      ),
    );
    routes.set('/two', (_req, res) =>
      res.end(
        rss([{ guid: 'x2', link: 'https://NEWS.test/shared#c', title: 'Shared', date: fresh }]),
      ),
    );
    const a = await poll(feedOf('one', '/one'));
    const b = await poll(feedOf('two', '/two'));
    expect(a.items.length + b.items.length).toBe(1);
  });

  it('lets only one poller hold a feed lock', async () => {
    const take = () => withFeedLockAndState(redis, prefix, 'f', 10_000, () => Promise.resolve(1));
    const first = await withFeedLockAndState(redis, prefix, 'f', 10_000, async () => {
      expect((await take()).held).toBe(false);
      return 1;
    });
    expect(first.held).toBe(true);
    // Released when the holder finished: the next poller gets it.
    expect((await take()).held).toBe(true);
  });
});

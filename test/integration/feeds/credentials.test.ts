import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { createLogger } from '../../../src/logger.js';
import { loadFeedState } from '../../../src/store/feed-state.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

// Feeds with a password in the URL, a bearer token from ${VAR} and a token in the query: the
// protected feeds are polled successfully, and no secret shows in Redis, /feeds, /metrics or the
// debug log.

const PASSWORD = 'pw-S3CR3T-1';
const BEARER = 'tok-S3CR3T-2';
const QUERY_TOKEN = 'tok-S3CR3T-3';
const API_KEY = 'key-S3CR3T-4';
const BASIC = Buffer.from(`desk:${PASSWORD}`).toString('base64');
const SECRETS = [PASSWORD, BEARER, QUERY_TOKEN, API_KEY, BASIC];
const rss = (id: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://n.test/</link><item><title>Item ${id}</title><link>https://n.test/${id}</link><guid>${id}</guid></item></channel></rss>`;

const prefix = randomPrefix('cred');
const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
let app: App | undefined;
const servers: Server[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

afterAll(async () => {
  await app?.stop(5000);
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await deletePrefix(prefix);
});

/** Every value stored under the prefix, as text. */
async function dumpRedis(redis: Redis): Promise<string> {
  const keys = await redis.keys(`${prefix}*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') parts.push(key, (await redis.get(key)) ?? '');
    if (type === 'hash') parts.push(key, JSON.stringify(await redis.hgetall(key)));
    if (type === 'list') parts.push(key, ...(await redis.lrange(key, 0, -1)));
    if (type === 'set') parts.push(key, ...(await redis.smembers(key)));
    if (type === 'zset') parts.push(key, ...(await redis.zrange(key, 0, -1)));
    if (type === 'stream') parts.push(key, JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return parts.join('\n');
}

describe('feed credentials', () => {
  it('sends them where they belong and shows or stores them nowhere', async () => {
    const otherPort = await listen((req, res) => {
      seen.push({ url: `other${req.url}`, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('other'));
    });
    const port = await listen((req, res) => {
      seen.push({ url: req.url!, headers: req.headers });
      const auth = req.headers.authorization;
      const ok = () => res.writeHead(200, { 'content-type': 'application/rss+xml' });
      if (req.url === '/basic')
        return auth === `Basic ${BASIC}` ? ok().end(rss('b')) : res.writeHead(401).end();
      if (req.url === '/bearer')
        return auth === `Bearer ${BEARER}` ? ok().end(rss('t')) : res.writeHead(401).end();
      if (req.url === `/query?token=${QUERY_TOKEN}`)
        return res.writeHead(301, { location: `/moved?token=${QUERY_TOKEN}` }).end();
      if (req.url === `/moved?token=${QUERY_TOKEN}`) return ok().end(rss('q'));
      if (req.url === '/away')
        return res.writeHead(302, { location: `http://localhost:${otherPort}/feed` }).end();
      res.writeHead(404).end();
    });
    const base = `127.0.0.1:${port}`;
    const dir = await mkdtemp(path.join(tmpdir(), 'sw-cred-'));
    const config = await loadConfigFromText(
      `
redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { enabled: true, host: 127.0.0.1, port: 0 }
logging: { level: debug }
watchlists: []
feeds:
  - { name: basic, url: "http://desk:${PASSWORD}@${base}/basic", interval: 1s }
  - { name: bearer, url: "http://${base}/bearer", interval: 1s, headers: { authorization: "Bearer \${FEED_TOKEN}" } }
  - { name: query, url: "http://${base}/query?token=${QUERY_TOKEN}", interval: 1s }
  - { name: broken, url: "http://${base}/missing?api_key=${API_KEY}", interval: 1s }
  - { name: away, url: "http://desk:${PASSWORD}@${base}/away", interval: 1s }
`,
      { file: path.join(dir, 'sw.yaml'), env: { FEED_TOKEN: BEARER } },
    );
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    app = createApp({ config, logger: createLogger({ level: 'debug' }, sink) });
    await app.start();
    const redis = new Redis(REDIS_URL);
    try {
      const polled = async () => {
        const states = await Promise.all(
          ['basic', 'bearer', 'query', 'broken', 'away'].map((f) =>
            loadFeedState(redis, prefix, f),
          ),
        );
        return states.every((s) => s.lastAttempt !== undefined) ? states : undefined;
      };
      const deadline = Date.now() + 15_000;
      let states = await polled();
      while (!states && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        states = await polled();
      }
      expect(states, 'every feed polled').toBeDefined();
      const [basic, bearer, query, broken, away] = states!;
      expect(basic.lastSuccess, basic.lastError).toBeDefined();
      expect(bearer.lastSuccess, bearer.lastError).toBeDefined();
      expect(query.lastSuccess, query.lastError).toBeDefined();
      // A redirect target carrying the token is followed, not remembered.
      expect(query.permanentUrl).toBeUndefined();
      expect(broken.lastErrorCode).toBe('FEED_HTTP');
      expect(broken.lastError).toContain('api_key=***');
      expect(away.lastSuccess, away.lastError).toBeDefined();

      // Userinfo never in the request line, and credentials never sent to another origin.
      expect(seen.some((r) => r.url.includes('@'))).toBe(false);
      const other = seen.filter((r) => r.url.startsWith('other'));
      expect(other.length).toBeGreaterThan(0);
      expect(other.every((r) => r.headers.authorization === undefined)).toBe(true);

      const feedsPage = await (await fetch(`${app.httpUrl}/feeds`)).text();
      expect(feedsPage).toContain('desk:***@');
      const metrics = await (await fetch(`${app.httpUrl}/metrics`)).text();
      const stored = await dumpRedis(redis);
      const log = lines.join('');
      // The log ran at debug level and quoted a feed URL (redacted).
      expect(log).toContain('api_key=***');
      for (const [where, text] of Object.entries({ feedsPage, metrics, stored, log })) {
        for (const secret of SECRETS)
          expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
      }
    } finally {
      redis.disconnect();
    }
  }, 30_000);
});

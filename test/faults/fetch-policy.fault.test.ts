import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { FetchPolicyOptions } from '../../src/feeds/fetch-policy.js';
import { parseFeed } from '../../src/feeds/parse.js';
import { pollFeed, type PollDefaults } from '../../src/pipeline/poll.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../helpers/redis.js';
import { createNetNs, type NetNs } from './support/netns.js';

// SSRF: a feed on a public-class address, in its own network namespace behind a veth pair,
// redirects to services on this host's loopback and private addresses. The fetch policy must
// refuse every hop before connecting, so the internal server never sees a request and nothing
// it would say reaches the parser.

const SECRET_PAGE = 'INTERNAL-ONLY sanctioned entity list';
const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://n.test/</link>' +
  '<item><title>Public item</title><link>https://n.test/1</link><guid>1</guid></item></channel></rss>';

// Runs inside the namespace: /feed is a feed, /to?u=URL redirects to URL.
const FEED_SERVER = `
const http = require('node:http');
const rss = ${JSON.stringify(RSS)};
const ports = process.argv.slice(1).map(Number);
let up = 0;
for (const port of ports) http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  if (u.pathname === '/feed') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
  if (u.pathname === '/to') return res.writeHead(302, { location: u.searchParams.get('u') }).end();
  res.writeHead(404).end();
}).listen(port, '0.0.0.0', () => { if (++up === ports.length) console.log('ready'); });
`;

let netns: NetNs | undefined;
let unavailable = '';

/**
 * Without namespaces (not root, no `ip`) these tests cannot run: in CI that is a failure, on a
 * developer's machine they are skipped with one line saying why.
 */
function needsNetns(ctx: TestContext): void {
  const why = `network namespaces unavailable: ${unavailable}`;
  if (process.env.CI) throw new Error(`${why} (CI must run the fetch-policy fault tests)`);
  console.warn(`skipped: ${why}`);
  ctx.skip();
}
let internal: Server;
let internalHits = 0;
let internalPort = 0;
let ownServer: Server;
let ownPort = 0;
const redis = new Redis(REDIS_URL);
const prefix = randomPrefix('ssrf');
const parsed: string[] = [];
const defaults = (fetchPolicy: FetchPolicyOptions): PollDefaults => ({
  maxItemAge: 3650 * 86_400_000,
  maxBytes: 1 << 20,
  timeout: 3000,
  connectTimeout: 2000,
  contact: 'https://example.test/contact',
  maxBackoff: 3600_000,
  fetchPolicy: { ownPorts: [ownPort], ...fetchPolicy },
});

let polls = 0;
async function poll(url: string, fetchPolicy: FetchPolicyOptions = {}) {
  const deps = {
    redis,
    prefix,
    clock: { now: () => Date.now() },
    defaults: defaults(fetchPolicy),
    random: () => 0.5,
    // The real parser, recording what reached it.
    parse: (body: Uint8Array, options?: Parameters<typeof parseFeed>[1]) => {
      parsed.push(Buffer.from(body).toString('utf8'));
      return parseFeed(body, options);
    },
  };
  return pollFeed(deps, { name: `f${polls++}`, url, interval: 60_000 });
}

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((r) => server.listen(0, host, r));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  internal = createServer((_req, res) => {
    internalHits++;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(SECRET_PAGE);
  });
  internalPort = await listen(internal, '0.0.0.0');
  ownServer = createServer((_req, res) => res.end(SECRET_PAGE));
  ownPort = await listen(ownServer, '127.0.0.1');
  const made = createNetNs();
  if ('unavailable' in made) {
    unavailable = made.unavailable;
    return;
  }
  netns = made;
  // The namespace server also listens on the internal server's port, for the rebinding case.
  await netns.run(FEED_SERVER, ['8080', String(internalPort)]);
}, 30_000);

afterAll(async () => {
  netns?.dispose();
  internal.closeAllConnections();
  ownServer.closeAllConnections();
  await Promise.all([internal, ownServer].map((s) => new Promise((r) => s.close(r))));
  await deletePrefix(prefix);
  await redis.quit();
});

/** A resolver answering `answers` in turn for every name (then the last one again). */
function scriptedLookup(...answers: string[]): LookupFunction {
  let n = 0;
  return ((_host: string, options: dns.LookupOptions, cb: (...a: unknown[]) => void) => {
    const address = answers[Math.min(n++, answers.length - 1)];
    const family = address.includes(':') ? 6 : 4;
    if (options.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  }) as unknown as LookupFunction;
}

describe('fetch policy across real interfaces', () => {
  it('refuses redirects from a public-class feed to loopback and private addresses', async (ctx) => {
    if (!netns) return needsNetns(ctx);
    const base = `http://${netns.address}:8080`;
    const ok = await poll(`${base}/feed`);
    expect(ok.status).toBe('new-items');
    const targets = [
      `http://127.0.0.1:${internalPort}/`,
      `http://[::ffff:127.0.0.1]:${internalPort}/`,
      `http://localhost:${internalPort}/`,
      `http://0.0.0.0:${internalPort}/`,
      `http://169.254.169.254/latest/meta-data/`,
      `http://10.255.0.1:${internalPort}/`,
    ];
    parsed.length = 0;
    for (const target of targets) {
      const out = await poll(`${base}/to?u=${encodeURIComponent(target)}`);
      expect(out.status, target).toBe('failed');
      expect(out.error?.code, target).toBe('FEED_BLOCKED_ADDRESS');
      expect(out.error?.message).toMatch(/may not reach a loopback, private/);
    }
    expect(internalHits).toBe(0);
    expect(parsed.join('')).not.toContain('INTERNAL-ONLY');
    expect(parsed).toEqual([]);
  });

  it('follows them when allowPrivateNetworks is set, but never to the own port', async (ctx) => {
    if (!netns) return needsNetns(ctx);
    const base = `http://${netns.address}:8080`;
    const before = internalHits;
    const target = encodeURIComponent(`http://127.0.0.1:${internalPort}/`);
    const out = await poll(`${base}/to?u=${target}`, { allowPrivateNetworks: true });
    expect(out.error?.code).toBe('FEED_PARSE'); // reached: the internal page is not a feed
    expect(internalHits).toBe(before + 1);
    const own = encodeURIComponent(`http://127.0.0.1:${ownPort}/`);
    const refused = await poll(`${base}/to?u=${own}`, { allowPrivateNetworks: true });
    expect(refused.error?.code).toBe('FEED_BLOCKED_ADDRESS');
    expect(refused.error?.message).toMatch(/own HTTP port/);
  });

  it('refuses a name that rebinds from the public address to loopback', async (ctx) => {
    if (!netns) return needsNetns(ctx);
    const lookup = scriptedLookup(netns.address, '127.0.0.1');
    const url = `http://rebind.test:${internalPort}/feed`;
    const before = internalHits;
    const first = await pollFeed(
      { redis, prefix, clock: { now: () => Date.now() }, defaults: defaults({ lookup }) },
      { name: 'rebind', url, interval: 1000 },
    );
    expect(first.error).toBeUndefined(); // fetched and parsed from the namespace
    const second = await poll(url, { lookup });
    expect(second.error?.code).toBe('FEED_BLOCKED_ADDRESS');
    expect(internalHits).toBe(before);
  });
});

describe('fetch policy with resolved names (no namespace needed)', () => {
  it('refuses a public-looking name resolving to a private address, before connecting', async () => {
    const before = internalHits;
    for (const answer of ['127.0.0.1', '::ffff:127.0.0.1', '10.1.2.3', 'fe80::1']) {
      const out = await poll(`http://feeds.example.test:${internalPort}/`, {
        lookup: scriptedLookup(answer),
      });
      expect(out.error?.code, answer).toBe('FEED_BLOCKED_ADDRESS');
    }
    expect(internalHits).toBe(before);
  });

  it('lets a feed configured on loopback reach it, the own port too when configured so', async () => {
    const before = internalHits;
    const direct = await poll(`http://127.0.0.1:${internalPort}/`);
    expect(direct.error?.code).toBe('FEED_PARSE');
    expect(internalHits).toBe(before + 1);
    const own = await poll(`http://127.0.0.1:${ownPort}/`);
    expect(own.error?.code).toBe('FEED_PARSE'); // the own port, configured on purpose
  });
});

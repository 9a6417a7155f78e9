import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodySample } from '../../../src/feeds/not-a-feed.js';
import { pollFeed, type PollDefaults } from '../../../src/pipeline/poll.js';
import { loadFeedState } from '../../../src/store/feed-state.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

// A feed URL answering 200 with a login page must back off like one answering 404, and say what
// it got instead. The poll runs against a real server on the test's clock: 60 s of polling a 2 s
// feed take no minute.

const HTML =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>"Please" log in</body></html>';
const hits = new Map<string, number>();
let server: Server;
let base = '';
const redis = new Redis(REDIS_URL);
const prefix = randomPrefix('nonfeed');
const defaults: PollDefaults = {
  maxItemAge: 86_400_000,
  maxBytes: 1 << 20,
  timeout: 2000,
  connectTimeout: 1000,
  contact: 'https://example.test/contact',
  maxBackoff: 3600_000,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    if (req.url === '/login')
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await deletePrefix(prefix);
  await redis.quit();
});

/** Polls `path` every second of a simulated minute (the scheduler fires every interval). */
async function aMinuteOf(name: string, path: string) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = { now: () => now };
  const outcomes = [];
  for (let t = 0; t < 60; t++, now += 1000) {
    const out = await pollFeed(
      { redis, prefix, clock, defaults, random: () => 0.5 },
      { name, url: `${base}${path}`, interval: 2000 },
    );
    outcomes.push(out);
  }
  return { requests: hits.get(path) ?? 0, outcomes };
}

describe('a 200 answer that is not a feed', () => {
  it('backs off like a 404: fewer than 8 requests in 60 s at a 2 s interval', async () => {
    const html = await aMinuteOf('login', '/login');
    const missing = await aMinuteOf('missing', '/gone-missing');
    console.log(`requests in 60 s at 2 s: 200 HTML ${html.requests}, 404 ${missing.requests}`);
    expect(html.requests).toBeLessThan(8);
    expect(html.requests).toBe(missing.requests);
    const state = await loadFeedState(redis, prefix, 'login');
    expect(state.lastSuccess).toBeUndefined();
    expect(state.consecutiveFailures).toBe(html.requests);
    expect(state.lastErrorCode).toBe('FEED_PARSE');
    expect(state.lastStatus).toBe('FEED_PARSE');
    const failed = html.outcomes.find((o) => o.status === 'failed')!;
    expect(failed.error?.message).toBe(
      'not a feed (an HTML page); HTTP 200 text/html; charset=utf-8, body starts ' +
        '"<!DOCTYPE html> <html><head><title>Sign in</title></head><body>\\"Please\\" log in</…"',
    );
  });
});

describe('bodySample', () => {
  it('escapes control characters and cuts at 80 characters', () => {
    expect(bodySample(Buffer.from('\ufeff  a\u0000b\u001b[31m  c'))).toBe('a\\x00b\\x1b[31m c');
    expect(bodySample(Buffer.from('x'.repeat(200)))).toBe(`${'x'.repeat(80)}…`);
    expect(bodySample(Buffer.from('é'.repeat(50)))).toBe('é'.repeat(50));
  });
});

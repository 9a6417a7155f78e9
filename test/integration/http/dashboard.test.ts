import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { paradeArticle, repoRoot } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const logger = pino({ level: 'silent' });
const AUTH = { user: 'analyst', password: 'dash-secret' };
const authHeader = `Basic ${Buffer.from(`${AUTH.user}:${AUTH.password}`).toString('base64')}`;
const HOSTILE = '<script>alert(1)</script> Pyongyang parade';
// In the body the same markup ends a sentence, so it lands in the evidence.
const HOSTILE_BODY = 'North Korea shipped missiles to Russia <img src=x onerror=alert(2)>. ';

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

async function get(url: string, withAuth = true) {
  const res = await fetch(url, { headers: withAuth ? { authorization: authHeader } : {} });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('dashboard on the ops server (in-process app, local feed server, basic auth)', () => {
  let app: App | undefined;
  let feedServer: Server | undefined;
  let dir = '';
  const prefix = randomPrefix('dash');
  let base = '';
  let seedTitle = '';

  beforeAll(async () => {
    const seed = await readFile(paradeArticle, 'utf8');
    const [title, ...rest] = seed.split('\n');
    seedTitle = title;
    const body = escapeXml(rest.join('\n'));
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>${escapeXml(title)}</title><link>https://example.org/parade</link>
      <guid>seed-1</guid><pubDate>${new Date().toUTCString()}</pubDate>
      <description>${body}</description></item>
      <item><title>${escapeXml(escapeXml(HOSTILE))}</title><link>https://example.org/hostile?a=1&amp;b="x"</link>
      <guid>hostile-1</guid><pubDate>${new Date().toUTCString()}</pubDate>
      <description>${escapeXml(escapeXml(HOSTILE_BODY))}${body}</description></item>
      <item><title>Local weather: sunny spells</title><link>https://example.org/weather</link><guid>w1</guid></item>
      </channel></rss>`;
    feedServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss);
    });
    const feedUrl = await listen(feedServer);
    dir = await mkdtemp(path.join(tmpdir(), 'sw-dash-'));
    const text = `
redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { host: 127.0.0.1, port: 0, auth: { user: ${AUTH.user}, password: ${AUTH.password} } }
feeds:
  - { name: parade-news, url: "${feedUrl}/a.xml", interval: 1s }
  - { name: dead-feed, url: "http://127.0.0.1:1/feed.xml", interval: 1s }
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
channels:
  - { name: console, type: log, file: alerts.jsonl }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console] }
`;
    const config = await loadConfigFromText(text, { file: path.join(dir, 'sw.yaml') });
    app = createApp({ config, logger });
    await app.start();
    base = app.httpUrl!;
    // Both flagged items delivered, hence in the ledger.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const page = await get(`${base}/`);
      const cards = page.text.match(/<article class="alert"/g) ?? [];
      if (cards.length >= 2) break;
      if (Date.now() > deadline)
        throw new Error(`alerts did not appear: ${page.text.slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    await app?.stop(3000);
    feedServer?.close();
    await deletePrefix(prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('requires basic auth for the pages but leaves the probes open', async () => {
    for (const p of ['/', '/feeds', '/queues', '/alerts/x', '/dashboard.css']) {
      expect((await get(`${base}${p}`, false)).status, p).toBe(401);
    }
    expect((await get(`${base}/healthz`, false)).status).toBe(200);
    expect((await get(`${base}/metrics`, false)).status).toBe(200);
    expect((await get(`${base}/readyz`, false)).status).not.toBe(401);
  });

  it('lists the recent alerts with highlighted evidence, escaped feed text and a strict CSP', async () => {
    const page = await get(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.text).toContain(seedTitle.replace(/'/g, '&#39;'));
    expect(page.text).toMatch(
      /<ul class="evidence"><li lang="en" dir="auto">[^]*?<mark>[^<]+<\/mark>/,
    );
    // The hostile title shows as text, never as markup.
    expect(page.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain('&#60;img src=x onerror=alert(2)&#62;');
    expect(page.text).not.toMatch(/<img/i);
    // Charts: inline SVG with the alerts counted today.
    expect(page.text).toMatch(/<svg[^>]*class="bar-chart"/);
    expect(page.text).toMatch(/<rect class="bar"[^>]*height="[1-9]/);
  });

  it('filters by category and watchlist', async () => {
    const all = await get(`${base}/`);
    const lists = [...all.text.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(lists).toContain('arms_transfer');
    const byCategory = await get(`${base}/?category=arms_transfer`);
    expect(byCategory.text.match(/<article class="alert"/g)).toHaveLength(2);
    expect(byCategory.text).toContain('<option value="arms_transfer" selected>');
    const none = await get(`${base}/?category=no_such_category`);
    expect(none.text).not.toContain('<article class="alert"');
    expect(none.text).toContain('No alert matches these filters.');

    const watchlist = /href="\/\?watchlist=([^"]+)"/.exec(all.text)?.[1];
    expect(watchlist).toBeDefined();
    const byList = await get(`${base}/?watchlist=${watchlist!}`);
    expect(byList.text.match(/<article class="alert"/g)?.length).toBeGreaterThanOrEqual(1);
    const noList = await get(`${base}/?watchlist=no-such-list`);
    expect(noList.text).not.toContain('<article class="alert"');
  });

  it('shows one page per alert, and 404 for an unknown id', async () => {
    const list = await get(`${base}/`);
    const ids = [...list.text.matchAll(/href="\/alerts\/([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const pages = await Promise.all(ids.map((id) => get(`${base}/alerts/${id}`)));
    for (const p of pages) {
      expect(p.status).toBe(200);
      expect(p.text).toMatch(
        /<section id="evidence"><ul class="evidence"><li lang="en" dir="auto">[^]*?<mark>/,
      );
      expect(p.text).toContain('<td>console</td>');
      expect(p.text).not.toMatch(/<script/i);
    }
    const hostile = pages.find((p) => p.text.includes('&#60;script&#62;'));
    expect(hostile).toBeDefined();
    // The link keeps its query, attribute-escaped.
    expect(hostile!.text).toContain('href="https://example.org/hostile?a=1&#38;b=%22x%22"');

    const missing = await get(`${base}/alerts/no-such-alert`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Alert not found');
  });

  it('shows feed health and queue depths', async () => {
    // Alerts show as soon as the ledger records them, which is before their delivery job
    // completes and may be before the dead feed's first failed poll: wait for both.
    const settled = async <T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> => {
      const deadline = Date.now() + 10_000;
      let v = await read();
      while (!done(v) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        v = await read();
      }
      return v;
    };
    const feeds = await settled(
      () => get(`${base}/feeds`),
      (p) => /<tr data-feed="dead-feed">[^]*?class="badge-bad">failing</.test(p.text),
    );
    expect(feeds.status).toBe(200);
    expect(feeds.text).toMatch(
      /<tr data-feed="parade-news">[^]*?class="badge-ok">ok<[^]*?<td>200<\/td>/,
    );
    expect(feeds.text).toMatch(/<tr data-feed="dead-feed">[^]*?class="badge-bad">failing</);
    const logDone = (text: string) => {
      const row = /<tr data-queue="deliver-log">(.*?)<\/tr>/.exec(text)?.[1] ?? '';
      const cells = [...row.matchAll(/<td class="num[^"]*">(\d+)<\/td>/g)].map((m) => Number(m[1]));
      return { row, cells };
    };
    const queues = await settled(
      () => get(`${base}/queues`),
      (p) => (logDone(p.text).cells[7] ?? 0) >= 2,
    );
    expect(queues.status).toBe(200);
    for (const q of ['poll', 'match', 'deliver-log'])
      expect(queues.text).toContain(`data-queue="${q}"`);
    // Both alerts were delivered on the log channel within the last hour: one job each.
    const { row, cells } = logDone(queues.text);
    expect(cells[7], row).toBeGreaterThanOrEqual(2);
  });
});

// The watchdog against a real app: a webhook peer that accepts and never answers holds the only
// notifier slot while more deliveries wait, which from outside looks exactly like a worker that
// stopped fetching. Until now the watchdog was only tested with stand-in workers.
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { paradeArticle, repoRoot } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const logger = pino({ level: 'silent' });

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('watchdog on a running app', () => {
  const servers: Server[] = [];
  const held: ServerResponse[] = [];
  let app: App | undefined;
  let prefix = '';
  afterEach(async () => {
    for (const res of held.splice(0)) res.destroy();
    await app?.stop(3000);
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      s.close();
    }
    await deletePrefix(prefix);
  });

  it('reports not-ready and calls onFatal when a worker with waiting jobs makes no progress', async () => {
    prefix = randomPrefix('watchdog');
    const seed = await readFile(paradeArticle, 'utf8');
    const [title, ...rest] = seed.split('\n');
    // Two feeds, each with its own story, so deliveries come from separate match jobs.
    const feed = (
      n: number,
    ) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t${n}</title>
      <item><title>${xml(title)} (${n})</title><link>https://example.org/parade-${n}</link>
      <guid>seed-${n}</guid><pubDate>${new Date().toUTCString()}</pubDate>
      <description>${xml(rest.join('\n'))}</description></item></channel></rss>`;
    const feedServer = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(feed(req.url === '/b.xml' ? 2 : 1));
    });
    servers.push(feedServer);
    const feedUrl = await listen(feedServer);
    let requests = 0;
    const hook = createServer((_req, res) => {
      requests++;
      held.push(res); // never answered
    });
    servers.push(hook);
    const hookUrl = await listen(hook);

    const dir = await mkdtemp(path.join(tmpdir(), 'sw-watchdog-'));
    const config = await loadConfigFromText(
      `
redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { enabled: false }
feeds:
  - { name: a, url: "${feedUrl}/a.xml", interval: 1s }
  - { name: b, url: "${feedUrl}/b.xml", interval: 1s }
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
notifier: { concurrency: 1 }
watchdog: { stall: 2s }
channels:
  - { name: siem, type: webhook, url: "${hookUrl}/hook", secret: "s3cret", timeout: 60s }
routes:
  - { categories: [arms_transfer, un_violation], channels: [siem] }
`,
      { file: path.join(dir, 'sw.yaml') },
    );
    const fatal: string[] = [];
    app = createApp({ config, logger, onFatal: (reason) => fatal.push(reason) });
    await app.start();
    expect((await app.readiness()).ready).toBe(true);

    await waitFor(() => requests >= 1, 20_000, 'the first webhook request');
    await waitFor(() => fatal.length > 0, 15_000, 'the watchdog to trip');
    expect(fatal[0]).toBe('worker for deliver-webhook stalled');
    const readiness = await app.readiness();
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.watchdog).toMatch(/no progress/);
    // Only one request reached the peer: the second delivery was waiting behind the hung one.
    expect(requests).toBe(1);
  });
});

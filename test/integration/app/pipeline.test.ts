import { createHmac } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
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

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (d: Buffer) => (s += d.toString()));
    req.on('end', () => resolve(s));
  });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('pipeline end to end (feed over HTTP → matcher → webhook + log)', () => {
  const servers: Server[] = [];
  let app: App | undefined;
  let prefix = '';
  afterEach(async () => {
    await app?.stop(3000);
    for (const s of servers.splice(0)) s.close();
    await deletePrefix(prefix);
  });

  // inline: the one process matches in the poll (the default); queued: through match jobs, as
  // separate poller and matcher processes do.
  it.each([
    { mode: 'inline', inline: true },
    { mode: 'queued', inline: false },
  ])(
    'alerts once per route for the seed article, even when two feeds carry it ($mode)',
    async ({ inline }) => {
      prefix = randomPrefix('e2e');
      const seed = await readFile(paradeArticle, 'utf8');
      const [title, ...rest] = seed.split('\n');
      const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>${escapeXml(title)}</title><link>https://example.org/parade?utm_source=x</link>
      <guid>seed-1</guid><pubDate>${new Date().toUTCString()}</pubDate>
      <description>${escapeXml(rest.join('\n'))}</description></item>
      <item><title>Local weather: sunny spells</title><link>https://example.org/weather</link><guid>w1</guid></item>
      </channel></rss>`;
      const feedServer = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(rss);
      });
      servers.push(feedServer);
      const feedUrl = await listen(feedServer);

      const received: { id: string; sig: string; raw: string }[] = [];
      const hook = createServer((req, res) => {
        void body(req).then((raw) => {
          received.push({
            id: String(req.headers['x-sanctionwatch-alert-id']),
            sig: String(req.headers['x-sanctionwatch-signature']),
            raw,
          });
          res.writeHead(204).end();
        });
      });
      servers.push(hook);
      const hookUrl = await listen(hook);

      const dir = await mkdtemp(path.join(tmpdir(), 'sw-e2e-'));
      const text = `
redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { enabled: false }
matcher: { inline: ${inline} }
feeds:
  - { name: a, url: "${feedUrl}/a.xml", interval: 1s }
  - { name: b, url: "${feedUrl}/b.xml", interval: 1s }
  - { name: dead, url: "http://127.0.0.1:1/feed.xml", interval: 1s }
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
channels:
  - { name: console, type: log, file: alerts.jsonl }
  - { name: siem, type: webhook, url: "${hookUrl}/hook", secret: "s3cret" }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console, siem] }
`;
      const config = await loadConfigFromText(text, { file: path.join(dir, 'sw.yaml') });
      app = createApp({ config, logger });
      await app.start();

      const deadline = Date.now() + 20_000;
      while (received.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      // Let further polls of both feeds happen: they must not alert again.
      await new Promise((r) => setTimeout(r, 3000));

      expect(received).toHaveLength(1);
      const { id, sig, raw } = received[0];
      expect(sig).toBe(`sha256=${createHmac('sha256', 's3cret').update(raw).digest('hex')}`);
      const alert = JSON.parse(raw) as { id: string; categories: string[]; item: { link: string } };
      expect(alert.id).toBe(id);
      expect(alert.categories).toEqual(['arms_transfer', 'un_violation']);
      expect(alert.item.link).toBe('https://example.org/parade');
      const log = (await readFile(path.join(dir, 'alerts.jsonl'), 'utf8')).trim().split('\n');
      expect(log).toHaveLength(1);
      // A failing feed shows in /metrics: consecutive failures per feed, 0 for healthy ones.
      const gauge = await app.context!.metrics.feedConsecutiveFailures.get();
      const byFeed = new Map(gauge.values.map((v) => [v.labels.feed, v.value]));
      expect(byFeed.get('dead')).toBeGreaterThanOrEqual(1);
      expect(byFeed.get('a')).toBe(0);
      // Inline matching never queues a match job; queued matching did the work in match jobs.
      const matchJobs = await app.context!.queues.match.getJobCounts('completed', 'failed', 'wait');
      if (inline) expect(matchJobs).toEqual({ completed: 0, failed: 0, wait: 0 });
      else expect(matchJobs.completed).toBeGreaterThanOrEqual(1);
    },
  );
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app/create-app.js';
import { loadConfigFromText } from '../../src/config/load.js';
import { createLedger, type RecentAlert } from '../../src/store/ledger.js';
import { startReceiver } from '../integration/alerts/peers.js';
import { repoRoot } from './config.js';
import { deletePrefix, randomPrefix, REDIS_URL } from './redis.js';

// Reports the matcher flags (arms transfers, UN sanctions breaches); each item repeats one.
const POSITIVE = [
  'UAE seizes North Korean weapons bound for Iran. The United Arab Emirates impounded a ship carrying North Korean rocket-propelled grenades, detonators and ammunition destined for Iran, and notified the UN sanctions committee.',
  'British forces seize Iranian rockets headed for the Taliban. British special forces intercepted a shipment of 48 Iranian-made 122mm rockets intended for the Taliban.',
  'Poland signs deal for 250 Abrams tanks. Polish Defence Minister Mariusz Blaszczak signed an agreement to buy 250 M1A2 Abrams tanks from the United States.',
  'UK flies anti-tank weapons to Ukraine. Britain is supplying Ukraine with light anti-armour weapons, with the first NLAW systems delivered that day.',
  'North Korea ships artillery shells to Russia, breaching Security Council resolutions that ban all arms trade with Pyongyang.',
];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An RSS document of `n` distinct stories, each one of the positive reports, dated now. */
export function floodRss(n: number, now = new Date()): string {
  const items = Array.from({ length: n }, (_, i) => {
    const [title, ...rest] = POSITIVE[i % POSITIVE.length].split('. ');
    return `<item><title>${escapeXml(`${title} (report ${i})`)}</title>
<link>https://news.test/flood/${i}</link><guid>flood-${i}</guid>
<pubDate>${now.toUTCString()}</pubDate><description>${escapeXml(rest.join('. ') || title)}</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>flood</title>
${items.join('\n')}
</channel></rss>`;
}

/** A feed name whose start-up poll comes within 0.3 s (the offset is a hash of the name). */
export const FEED = 'flood378';

export interface FloodRig {
  app: App;
  prefix: string;
  /** Webhook posts received, in order. */
  posts: () => { id: string; body: { id: string; summary?: { count: number } } }[];
  /** Lines of the log channel's file. */
  logLines: () => Promise<string[]>;
  recent: (limit: number) => Promise<RecentAlert[]>;
  stop: () => Promise<void>;
}

/** One daemon in this process (all roles) polling one feed of `items` stories once. */
export async function startFlood(opts: { items: number; inline: boolean }): Promise<FloodRig> {
  const prefix = randomPrefix('flood');
  const rss = floodRss(opts.items);
  const feed: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
  const hook = await startReceiver('s3cret', []);
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-flood-'));
  const text = `
redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { enabled: false }
poller: { maxBytes: 104857600 }
matcher: { inline: ${opts.inline} }
feeds:
  - { name: ${FEED}, url: "${feedUrl}", interval: 1h }
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
channels:
  - { name: console, type: log, file: alerts.jsonl }
  - { name: siem, type: webhook, url: "${hook.url}", secret: "s3cret" }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console, siem] }
`;
  const config = await loadConfigFromText(text, { file: path.join(dir, 'sw.yaml') });
  const app = createApp({ config, logger: pino({ level: 'silent' }) });
  await app.start();
  const ledger = createLedger({ redis: app.context!.redis, prefix });
  return {
    app,
    prefix,
    posts: () =>
      hook.received.map((r) => ({
        id: String(r.headers['x-sanctionwatch-alert-id']),
        body: JSON.parse(r.raw) as { id: string; summary?: { count: number } },
      })),
    logLines: async () =>
      (await readFile(path.join(dir, 'alerts.jsonl'), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean),
    recent: (limit) => ledger.recent(limit),
    stop: async () => {
      await app.stop(5000);
      feed.close();
      await hook.close();
      await deletePrefix(prefix);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `done()` holds, then `settleMs` more (for anything that should not come). */
export async function waitFor(done: () => Promise<boolean>, timeoutMs: number, settleMs = 0) {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, settleMs));
}

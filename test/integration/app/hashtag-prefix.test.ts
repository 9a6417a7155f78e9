import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { paradeArticle, repoRoot } from '../../helpers/config.js';
import { deletePrefix } from '../../helpers/redis.js';
import { startReceiver, startSmtp } from '../alerts/peers.js';

/*
 * Redis Cluster readiness: with a hash-tagged prefix every key the app touches must carry the tag,
 * so all of them hash to one slot and BullMQ's multi-key scripts never cross slots. A private
 * redis-server with keyspace notifications records every key written, transient locks included,
 * and proves nothing is written outside the prefix.
 */

const logger = pino({ level: 'silent' });

/** CRC16-XMODEM, the checksum Redis Cluster uses for key slots. */
function crc16(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : crc << 1;
  }
  return crc & 0xffff;
}

/** CLUSTER KEYSLOT, computed here because a standalone server refuses CLUSTER commands. */
function keySlot(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return crc16(Buffer.from(key.slice(open + 1, close))) % 16384;
  }
  return crc16(Buffer.from(key)) % 16384;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startPrivateRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  for (let i = 0; i < 50; i++) {
    try {
      await probe.connect();
      break;
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  return child;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('hash-tagged redis.prefix (Redis Cluster readiness)', () => {
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  it('computes slots like Redis Cluster', () => {
    // Reference values from the Redis Cluster specification and the CLUSTER KEYSLOT docs.
    expect(crc16(Buffer.from('123456789'))).toBe(0x31c3);
    expect(keySlot('somekey')).toBe(11058);
    expect(keySlot('foo{hash_tag}')).toBe(2515);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
  });

  it('keeps every key the pipeline writes under the prefix and in one slot', async () => {
    const tag = `swtest-${randomBytes(5).toString('hex')}`;
    const prefix = `{${tag}}`;
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const redisServer = await startPrivateRedis(port);
    cleanups.push(() => redisServer.kill('SIGKILL'));
    cleanups.push(() => deletePrefix(prefix, url));

    const written = new Set<string>();
    const admin = new Redis(url);
    cleanups.push(() => admin.disconnect());
    await admin.config('SET', 'notify-keyspace-events', 'KEA');
    const watcher = new Redis(url);
    cleanups.push(() => watcher.disconnect());
    await watcher.psubscribe('__keyevent@*__:*');
    watcher.on('pmessage', (_pattern, _channel, key: string) => written.add(key));

    const seed = await readFile(paradeArticle, 'utf8');
    const [title, ...rest] = seed.split('\n');
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>${escapeXml(title)}</title><link>https://example.org/parade</link>
      <guid>seed-1</guid><pubDate>${new Date().toUTCString()}</pubDate>
      <description>${escapeXml(rest.join('\n'))}</description></item>
      <item><title>Local weather: sunny spells</title><link>https://example.org/weather</link><guid>w1</guid></item>
      </channel></rss>`;
    const feedServer: Server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
    });
    await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => feedServer.close(r)));
    const feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`;

    const hook = await startReceiver('s3cret', []);
    cleanups.push(hook.close);
    const smtp = await startSmtp({ user: 'u', pass: 'p' });
    cleanups.push(smtp.close);

    const dir = await mkdtemp(path.join(tmpdir(), 'sw-hashtag-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const text = `
redis: { url: "${url}", prefix: "${prefix}" }
http: { enabled: false }
feeds:
  - { name: a, url: "${feedUrl}", interval: 1s }
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
channels:
  - { name: console, type: log, file: alerts.jsonl }
  - { name: siem, type: webhook, url: "${hook.url}", secret: "s3cret" }
  - { name: desk, type: email, smtp: "${smtp.url}", from: "sw@example.org", to: [desk@example.org] }
  - { name: daily, type: email, smtp: "${smtp.url}", from: "sw@example.org", to: [d@example.org], digest: 1s }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console, siem, desk, daily] }
`;
    const config = await loadConfigFromText(text, { file: path.join(dir, 'sw.yaml') });
    expect(config.redis.prefix).toBe(prefix);
    let app: App | undefined = createApp({ config, logger });
    cleanups.push(() => app?.stop(3000));
    await app.start();

    const deadline = Date.now() + 20_000;
    while ((hook.received.length === 0 || smtp.mails.length < 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    // A few more polls, so the re-poll path (seen items, feed state, not-modified) writes too.
    await new Promise((r) => setTimeout(r, 2500));
    await app.stop(3000);
    app = undefined;

    expect(hook.received).toHaveLength(1);
    expect(smtp.mails.map((m) => m.rcptTo[0]).sort()).toEqual([
      'd@example.org',
      'desk@example.org',
    ]);
    expect(
      (await readFile(path.join(dir, 'alerts.jsonl'), 'utf8')).trim().split('\n'),
    ).toHaveLength(1);

    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const k of keys) written.add(k);
    } while (cursor !== '0');

    // Every stage left its mark: queues, seen-set, feed state, ledger, digest.
    const kinds = [':poll:', ':match:', ':deliver-webhook:', ':deliver-email:', ':stories'];
    for (const kind of kinds)
      expect(
        [...written].some((k) => k.includes(kind)),
        kind,
      ).toBe(true);
    expect([...written].some((k) => k.includes(':ledger:delivered:'))).toBe(true);
    expect([...written].some((k) => k.includes(':feed:a:seen'))).toBe(true);

    const outside = [...written].filter((k) => !k.startsWith(`${prefix}:`));
    expect(outside).toEqual([]);
    const slot = keySlot(prefix);
    const otherSlots = [...written].filter((k) => keySlot(k) !== slot);
    expect(otherSlots).toEqual([]);
  }, 40_000);
});

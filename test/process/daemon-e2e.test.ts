import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver, startSmtp } from '../integration/alerts/peers.js';
import { paradeArticle, repoRoot } from '../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../helpers/redis.js';

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Runs the daemon until `until()` holds (or 40 s), then SIGTERM; resolves with its exit code. */
function runDaemon(config: string, env: NodeJS.ProcessEnv, until: () => boolean) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin/sanctionwatch.js'), 'start', '--config', config],
      {
        env: { ...process.env, ...env },
        cwd: repoRoot,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const started = Date.now();
    const timer = setInterval(() => {
      if (until() || Date.now() - started > 40_000) {
        clearInterval(timer);
        child.kill('SIGTERM');
      }
    }, 200);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('daemon as a process: feed over HTTP → matcher → webhook and SMTP', () => {
  const prefix = randomPrefix('proc-e2e');
  const closers: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of closers) await c();
    await deletePrefix(prefix);
  });

  it('delivers the seed article once per channel, retries a 503, and sends nothing again after a restart', async () => {
    const seed = await readFile(paradeArticle, 'utf8');
    const [title, ...rest] = seed.split('\n');
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>${escapeXml(title)}</title><link>https://example.org/parade</link><guid>seed-1</guid>
      <pubDate>${new Date().toUTCString()}</pubDate><description>${escapeXml(rest.join('\n'))}</description></item>
      </channel></rss>`;
    const feed: Server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
    );
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    closers.push(() => void feed.close());
    const hook = await startReceiver('hook-secret', [503]);
    closers.push(hook.close);
    const smtp = await startSmtp({ user: 'desk', pass: 'mail-secret' });
    closers.push(smtp.close);

    const dir = await mkdtemp(path.join(tmpdir(), 'sw-proc-e2e-'));
    const config = path.join(dir, 'sanctionwatch.yaml');
    await writeFile(
      config,
      `redis: { url: "\${REDIS_URL}", prefix: "${prefix}" }
http: { port: 0 }
feeds:
  - { name: local, url: "http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml", interval: 1s }
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
channels:
  - { name: console, type: log }
  - { name: desk, type: email, smtp: "\${SMTP_URL}", from: "sanctionwatch@example.org", to: ["analyst@example.org"] }
  - { name: siem, type: webhook, url: "\${SIEM_URL}", secret: "\${SIEM_SECRET}" }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console, desk, siem] }
`,
    );
    const env = { REDIS_URL, SMTP_URL: smtp.url, SIEM_URL: hook.url, SIEM_SECRET: 'hook-secret' };
    const delivered = () => hook.received.length >= 2 && smtp.mails.length > 0;
    const first = await runDaemon(config, env, delivered);
    expect(first.code).toBe(0);
    expect(smtp.mails).toHaveLength(1);
    expect(hook.received).toHaveLength(2); // the 503, then the retry
    expect(hook.received.every((r) => r.signatureValid)).toBe(true);
    const ids = new Set(hook.received.map((r) => r.headers['x-sanctionwatch-alert-id']));
    expect(ids.size).toBe(1);
    // Secrets never reach the logs.
    expect(first.stdout + first.stderr).not.toContain('mail-secret');
    expect(first.stdout + first.stderr).not.toContain('hook-secret');
    const alerts = (await readFile(path.join(dir, 'data/alerts.jsonl'), 'utf8')).trim().split('\n');
    expect(alerts).toHaveLength(1);

    // A restart polls the same feed again: nothing is alerted twice.
    let polls = 0;
    feed.on('request', () => polls++);
    const second = await runDaemon(config, env, () => polls >= 3);
    expect(second.code).toBe(0);
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(smtp.mails).toHaveLength(1);
    expect(hook.received).toHaveLength(2);
  }, 120_000);
});

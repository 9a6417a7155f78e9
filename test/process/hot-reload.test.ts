import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../helpers/redis.js';

/** A feed whose items the test adds one by one. */
function liveFeed() {
  const items: string[] = [];
  const server: Server = createServer((_req, res) => {
    const body = items
      .map(
        (t, i) =>
          `<item><title>${t}</title><link>https://example.org/${i}</link><guid>g-${i}</guid><pubDate>${new Date().toUTCString()}</pubDate></item>`,
      )
      .join('');
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${body}</channel></rss>`,
      );
  });
  return { server, items };
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('sanctionwatch start: watchlists added while it runs', () => {
  const prefix = randomPrefix('proc-reload');
  let child: ChildProcess | undefined;
  let dir = '';
  afterAll(async () => {
    child?.kill('SIGKILL');
    await deletePrefix(prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads a new file within 5 s by the folder watch, another at SIGHUP, in every matcher thread', async () => {
    const feed = liveFeed();
    await new Promise<void>((r) => feed.server.listen(0, '127.0.0.1', r));
    dir = await mkdtemp(path.join(tmpdir(), 'sw-proc-reload-'));
    await mkdir(path.join(dir, 'lists'));
    await writeFile(
      path.join(dir, 'lists/base.yaml'),
      'name: base\nentries:\n  - { name: Placeholder Holdings, kind: organisation }\n',
    );
    await writeFile(
      path.join(dir, 'watched.yaml'),
      `category: listed_party
clauses: [{ name: on-a-late-list, all: ['tag:late'], weight: 0.9 }]
`,
    );
    const alertsFile = path.join(dir, 'alerts.jsonl');
    const port = (feed.server.address() as AddressInfo).port;
    await writeFile(
      path.join(dir, 'sw.yaml'),
      `redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { enabled: false }
matcher: { threads: 3 }
feeds: [{ name: live, url: "http://127.0.0.1:${port}/feed.xml", interval: 1s }]
watchlists: ["lists/**/*.yaml"]
detection: { rules: ["watched.yaml"] }
channels: [{ name: file, type: log, file: "${alertsFile}" }]
routes: [{ categories: [listed_party], channels: [file] }]
`,
    );
    let stdout = '';
    child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin/sanctionwatch.js'), 'start', '--config', path.join(dir, 'sw.yaml')],
      { cwd: dir },
    );
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stdout += d.toString()));
    await waitFor(() => stdout.includes('sanctionwatch started'), 20_000, 'start');
    const reloads = () => stdout.split('\n').filter((l) => l.includes('watchlists reloaded'));
    const alerted = async () =>
      (await readFile(alertsFile, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean)
        .length;

    // Three items in three polls: parsing and matching take turns, so every thread matches one.
    const expectAlerts = async (name: string) => {
      for (let i = 0; i < 3; i++) {
        const before = await alerted();
        feed.items.push(`${name} report ${feed.items.length}`);
        await waitFor(async () => (await alerted()) > before, 15_000, `an alert naming ${name}`);
      }
    };

    // Folder watch: a file added beside the others is in force within 5 s.
    const added = Date.now();
    await writeFile(
      path.join(dir, 'lists/late.yaml'),
      'name: late\ntags: [late]\nentries:\n  - { name: Quorvex Maritime, kind: organisation }\n',
    );
    await waitFor(() => reloads().length >= 1, 5000, 'the folder watch to reload');
    expect(Date.now() - added).toBeLessThan(5000);
    await expectAlerts('Quorvex Maritime');

    // SIGHUP: a file in a new subfolder (the watch does not descend into it) loads on the signal.
    await mkdir(path.join(dir, 'lists/extra'));
    await writeFile(
      path.join(dir, 'lists/extra/later.yaml'),
      'name: later\ntags: [late]\nentries:\n  - { name: Brixtane Shipping, kind: organisation }\n',
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(reloads()).toHaveLength(1);
    child.kill('SIGHUP');
    await waitFor(() => reloads().length >= 2, 5000, 'SIGHUP to reload');
    await expectAlerts('Brixtane Shipping');

    const lines = (await readFile(alertsFile, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(6);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child!.on('close', r));
    expect(code).toBe(0);
    feed.server.close();
  }, 120_000);
});

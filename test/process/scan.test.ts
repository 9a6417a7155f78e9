import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { paradeArticle } from '../helpers/config.js';
import type { ScanLine } from '../../src/cli/commands/scan.js';

const run = (args: string[], stdin?: string) => runCli(args, { stdin });

let dir: string;
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Navy seizes dhow carrying 2,000 rifles bound for Houthis</title><link>https://news.test/a</link><guid>a</guid>
<description>The rifles were found aboard a dhow heading for Yemen, the navy said.</description></item>
<item><title>Chelsea complete transfer of striker before window shuts</title><link>https://news.test/b</link><guid>b</guid>
<description>The club paid a record transfer fee.</description></item>
</channel></rss>`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sw-scan-'));
  await writeFile(path.join(dir, 'feed.xml'), FEED);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sanctionwatch scan', () => {
  it('prints one JSON line per item in feed order', async () => {
    const r = await run(['scan', path.join(dir, 'feed.xml')]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ScanLine);
    expect(lines.map((l) => l.title)).toEqual([
      'Navy seizes dhow carrying 2,000 rifles bound for Houthis',
      'Chelsea complete transfer of striker before window shuts',
    ]);
    expect(lines[0]).toMatchObject({
      link: 'https://news.test/a',
      flagged: true,
      // Rifles for the Houthis breach resolution 2216 even though the story never says so.
      categories: ['arms_transfer', 'un_violation'],
    });
    expect(lines[0].matches.some((m) => m.name === 'Houthis (Ansar Allah)')).toBe(true);
    expect(lines[0].evidence.length).toBeGreaterThan(0);
    expect(lines[1]).toMatchObject({ flagged: false, categories: [], matches: [], evidence: [] });
  });

  it('scans an article as a text file', async () => {
    const r = await run(['scan', paradeArticle]);
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout) as ScanLine;
    expect(line.categories).toEqual(['arms_transfer', 'un_violation']);
    expect(line.title).toBe(
      "Kim Jong Un and Russia's defence minister review new missiles at Pyongyang parade",
    );
  });

  it('reads a feed from stdin and prints text on request', async () => {
    const r = await run(['scan', '--format', 'text', '-'], FEED);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FLAGGED .* arms_transfer,un_violation\s+Navy seizes dhow/m);
  });

  it('names an unreadable source on stderr, goes on, and exits 2', async () => {
    const missing = path.join(dir, 'missing.xml');
    const r = await run(['scan', missing, path.join(dir, 'feed.xml')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(missing);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});

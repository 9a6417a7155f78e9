import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOffloadPool } from '../../../src/app/processors/offload.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { isSwError } from '../../../src/errors.js';
import { parseFeed } from '../../../src/feeds/parse.js';

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One &amp; two</title><link>https://example.org/1?utm_source=x</link><guid>1</guid>
<description>&lt;p&gt;Body&lt;/p&gt;</description></item></channel></rss>`;

const watchlist = (name: string) => `
name: bench
entries:
  - { name: "${name}", kind: organisation, tags: [sanctioned] }
`;

describe('offload pool (parsing and matching on a worker thread)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('parses as parseFeed does, keeps SwError codes, and recompiles when the version changes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sw-offload-'));
    dirs.push(dir);
    const list = path.join(dir, 'list.yaml');
    await writeFile(list, watchlist('Zorblatt Dynamics'));
    const config = await loadConfigFromText(
      `redis: { url: "redis://127.0.0.1:6379", prefix: "x" }
feeds: [{ name: f, url: "http://127.0.0.1:1/f.xml" }]
watchlists: ["${list}"]
channels: [{ name: console, type: log }]
routes: [{ categories: [arms_transfer], channels: [console] }]
`,
      { file: path.join(dir, 'sw.yaml') },
    );
    const pool = createOffloadPool({ config, match: true });
    try {
      const bytes = Buffer.from(rss);
      expect(await pool.parse(bytes, { contentType: 'application/rss+xml' })).toEqual(
        await parseFeed(bytes, { contentType: 'application/rss+xml' }),
      );
      const err = await pool.parse(Buffer.from('{"not": "a feed"'), {}).catch((e: unknown) => e);
      expect(isSwError(err)).toBe(true);

      const probe = { title: 'Zorblatt Dynamics ships rifles', body: 'Zorblatt Dynamics' };
      const names = (r: { matches: { name: string }[] }[]) => r[0].matches.map((m) => m.name);
      expect(names(await pool.match([probe], 1))).toContain('Zorblatt Dynamics');
      await writeFile(list, watchlist('Quux Holdings'));
      // Same version: the thread keeps the matcher it compiled.
      expect(names(await pool.match([probe], 1))).toContain('Zorblatt Dynamics');
      expect(names(await pool.match([probe], 2))).not.toContain('Zorblatt Dynamics');
    } finally {
      await pool.close();
    }
  });
});

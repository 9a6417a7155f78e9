import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMatcherPool } from '../../../src/app/matcher-pool.js';
import { isSwError } from '../../../src/errors.js';
import { parseFeed } from '../../../src/feeds/parse.js';
import type { MatcherSources } from '../../../src/sources/load.js';

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One &amp; two</title><link>https://example.org/1?utm_source=x</link><guid>1</guid>
<description>&lt;p&gt;Body&lt;/p&gt;</description></item></channel></rss>`;

const sources = (name: string, rules: unknown[] = []): MatcherSources => ({
  watchlists: [
    {
      name: 'probe',
      tags: [],
      entries: [
        {
          name,
          kind: 'organisation',
          aliases: [],
          weakAliases: [],
          identifiers: [],
          tags: ['sanctioned'],
        },
      ],
    },
  ],
  rules,
  threshold: 0.5,
  files: [],
});

describe('matcher pool (parsing and matching on threads)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('parses as parseFeed does and keeps SwError codes', async () => {
    dirs.push(await mkdtemp(path.join(tmpdir(), 'sw-pool-')));
    const pool = createMatcherPool({});
    try {
      const bytes = Buffer.from(rss);
      expect(await pool.parse(bytes, { contentType: 'application/rss+xml' })).toEqual(
        await parseFeed(bytes, { contentType: 'application/rss+xml' }),
      );
      const err = await pool.parse(Buffer.from('{"not": "a feed"'), {}).catch((e: unknown) => e);
      expect(isSwError(err)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('swaps every thread on reload, or none when a thread refuses the sources', async () => {
    const pool = createMatcherPool({ sources: sources('Zorblatt Dynamics'), threads: 3 });
    const probe = { title: 'Zorblatt Dynamics and Quux Holdings', body: '' };
    // Six calls go round the three threads twice: every thread answers.
    const namesOnEveryThread = async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++)
        for (const m of (await pool.match([probe]))[0].matches) seen.add(m.name);
      return [...seen].sort();
    };
    try {
      await pool.ready();
      expect(await namesOnEveryThread()).toEqual(['Zorblatt Dynamics']);
      await pool.reload(sources('Quux Holdings'));
      expect(pool.generation).toBe(1);
      expect(await namesOnEveryThread()).toEqual(['Quux Holdings']);

      const badRules = [{ category: 'Not A Category' }];
      const err = await pool
        .reload(sources('Zorblatt Dynamics', badRules))
        .catch((e: unknown) => e);
      expect(isSwError(err, 'CONFIG_INVALID')).toBe(true);
      expect(pool.generation).toBe(1);
      expect(await namesOnEveryThread()).toEqual(['Quux Holdings']);
    } finally {
      await pool.close();
    }
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SwError } from '../../../src/errors.js';
import { parseFeed } from '../../../src/feeds/parse.js';
import { withoutShared } from '../../helpers/config.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = resolve(repoRoot, '../shared/corpus');
const NOT_DATA = /(README\.md|LICENSE(\.md|-MIT)?|COPYING|Copyright)$/;

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : [p];
    })
    .filter((f) => !NOT_DATA.test(f))
    .sort();
}

interface Tally {
  accepted: string[];
  rejected: Array<{ file: string; code: string }>;
}

/** Accepted: parsed into a feed (with items, or a valid empty feed). Anything thrown must be a SwError. */
async function run(dir: string): Promise<Tally> {
  const tally: Tally = { accepted: [], rejected: [] };
  for (const file of files(dir)) {
    try {
      const feed = await parseFeed(readFileSync(file));
      expect(Array.isArray(feed.items)).toBe(true);
      tally.accepted.push(file);
    } catch (err) {
      if (!(err instanceof SwError)) throw new Error(`${file}: non-SwError ${String(err)}`);
      tally.rejected.push({ file, code: err.code });
    }
  }
  return tally;
}

describe.skipIf(withoutShared('feeds: the shared corpus'))('the shared corpus', () => {
  it("accepts at least 29 of rss-parser's 31 inputs", async () => {
    const t = await run(join(corpus, 'rss-parser-fixtures/input'));
    expect(t.accepted.length + t.rejected.length).toBe(31);
    expect(t.accepted.length).toBeGreaterThanOrEqual(29);
  });

  it('accepts at least 38 of the 40 news feeds', async () => {
    const t = await run(join(corpus, 'news-feeds'));
    expect(t.accepted.length + t.rejected.length).toBe(40);
    expect(t.accepted.length).toBeGreaterThanOrEqual(38);
  });

  it("accepts 97% of feedparser's wellformed and 90% of its encoding and entities cases", async () => {
    const wellformed = await run(join(corpus, 'feedparser-tests/wellformed'));
    const encoding = await run(join(corpus, 'feedparser-tests/encoding'));
    const entities = await run(join(corpus, 'feedparser-tests/entities'));
    const share = (t: Tally) => t.accepted.length / (t.accepted.length + t.rejected.length);
    expect(share(wellformed)).toBeGreaterThanOrEqual(0.97);
    expect(share(encoding)).toBeGreaterThanOrEqual(0.9);
    expect(share(entities)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the ill-formed feedparser cases without a raw error', async () => {
    const t = await run(join(corpus, 'feedparser-tests/illformed'));
    expect(t.accepted.length).toBeGreaterThan(0);
  });

  it('refuses every hostile document as FEED_HOSTILE', async () => {
    const t = await run(join(corpus, 'hostile-xml'));
    expect(t.accepted).toEqual([]);
    expect(t.rejected.map((r) => r.code)).toEqual(t.rejected.map(() => 'FEED_HOSTILE'));
    expect(t.rejected.length).toBe(10);
  });

  it("marks the Guardian feed (raw '&' in attributes) malformed but recovers its items", async () => {
    const feed = await parseFeed(
      readFileSync(join(corpus, 'news-feeds/spacecowboy__Feeder/rss_theguardian.xml')),
    );
    expect(feed.malformed).toBe(true);
    expect(feed.items.length).toBeGreaterThan(10);
  });

  it('reads a truncated feed (no closing tags) as malformed, keeping its channel', async () => {
    const feed = await parseFeed(
      readFileSync(join(corpus, 'news-feeds/feed-rs__feed-rs/rss_2.0_invalid_1.xml')),
    );
    expect(feed.malformed).toBe(true);
    expect(feed.title).toMatch(/Reuters/);
  });

  it('recovers the items before the cut of a truncated document', async () => {
    const whole = readFileSync(
      join(corpus, 'news-feeds/arminreiter__FeedReader/Rss20Reuters.xml'),
      'utf8',
    );
    const feed = await parseFeed(Buffer.from(whole.slice(0, Math.floor(whole.length * 0.6))));
    expect(feed.malformed).toBe(true);
    expect(feed.items.length).toBeGreaterThan(3);
  });
});

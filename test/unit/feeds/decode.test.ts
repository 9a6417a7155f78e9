import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/feeds/parse.js';
import { withoutShared } from '../../helpers/config.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = resolve(repoRoot, '../shared/corpus');
const read = (p: string) => readFileSync(resolve(corpus, p));

function rss(title: string, encoding?: string): string {
  const decl = encoding ? `<?xml version="1.0" encoding="${encoding}"?>\n` : '';
  return `${decl}<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><guid>g1</guid></item></channel></rss>`;
}

describe.skipIf(withoutShared('feeds: decoding non-UTF-8 feeds'))(
  'decoding non-UTF-8 feeds',
  () => {
    it.each([
      ['windows-1251', 'Москва: санкции ООН'],
      ['koi8-r', 'Совет Безопасности'],
      ['big5', '聯合國制裁'],
      ['iso-8859-2', 'Zażółć gęślą jaźń'],
      ['iso-8859-7', 'Κυρώσεις ΟΗΕ'],
      ['euc-kr', '유엔 제재'],
    ])('decodes %s from the XML declaration', async (encoding, title) => {
      const feed = await parseFeed(iconv.encode(rss(title, encoding), encoding));
      expect(feed.encoding).toBe(encoding);
      expect(feed.items[0].title).toBe(title);
    });

    it('lets the HTTP charset win over the declaration', async () => {
      const bytes = iconv.encode(rss('Санкции', 'utf-8'), 'windows-1251');
      const feed = await parseFeed(bytes, {
        contentType: 'application/rss+xml; charset="windows-1251"',
      });
      expect(feed.items[0].title).toBe('Санкции');
    });

    it('decodes the feedparser euc-kr, big5-declared and ISO-8859-1 news cases', async () => {
      expect((await parseFeed(read('feedparser-tests/encoding/euc-kr.xml'))).title).toBe('\ub144');
      expect(
        (await parseFeed(read('feedparser-tests/encoding/euc-kr-item.xml'))).items[0].body,
      ).toBe('\ub144');
      const mail = await parseFeed(
        read('news-feeds/danmactough__node-feedparser/mediacontent-dupes.xml'),
      );
      expect(mail.encoding).toBe('windows-1252');
      const jn = await parseFeed(read('rss-parser-fixtures/input/encoding.rss'));
      expect(jn.title).toBe('Jornal de Notícias - Últimas Notícias');
    });

    it('decodes UTF-16 and UTF-32 with and without a BOM', async () => {
      for (const f of [
        'utf-16le-bom.xml',
        'utf-16be-autodetect.xml',
        'utf-32le-bom.xml',
        'utf-32be-autodetect.xml',
      ]) {
        const feed = await parseFeed(read(`feedparser-tests/encoding/${f}`));
        expect(feed.encoding).toMatch(/^utf-(16|32)(le|be)$/);
      }
    });

    it('reads Cyrillic and Urdu UTF-8 news feeds', async () => {
      const ukr = await parseFeed(read('news-feeds/spacecowboy__Feeder/rss_ukrnet.xml'));
      expect(ukr.items[0].title).toMatch(/[\u0400-\u04ff]/);
      const urdu = await parseFeed(read('news-feeds/miniflux__v2/urdu_UTF8.xml'));
      expect(urdu.items[0].title).toMatch(/[\u0600-\u06ff]/);
    });
  },
);

describe.skipIf(withoutShared('feeds: entities'))('entities', () => {
  it('decodes &nbsp; and &#8217; in the feedparser entity cases', async () => {
    const nbsp = await parseFeed(read('feedparser-tests/entities/160.xml'));
    expect(nbsp.title).toBe('testing entity');
    const rsquo = await parseFeed(read('feedparser-tests/entities/8217.xml'));
    expect(rsquo.title).toContain('\u2019');
    expect(rsquo.title).not.toContain('&');
  });

  it('decodes HTML entities inside escaped descriptions and strips tags', async () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><title>It&amp;#8217;s here</title><guid>x</guid>
      <description>&lt;p&gt;North&amp;nbsp;Korea &amp;amp; Russia&lt;/p&gt;&lt;script&gt;bad()&lt;/script&gt;</description></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml));
    expect(feed.items[0].title).toBe('It\u2019s here');
    expect(feed.items[0].body).toBe('North Korea & Russia');
  });

  it('recovers a feed with an undeclared &nbsp; and a raw & as malformed', async () => {
    const xml = `<rss version="2.0"><channel><title>A &nbsp; B & C</title><item><title>x</title><guid>1</guid></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml));
    expect(feed.malformed).toBe(true);
    expect(feed.title).toBe('A B & C');
  });
});

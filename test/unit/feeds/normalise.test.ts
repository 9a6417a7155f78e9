import { describe, expect, it } from 'vitest';
import {
  canonicalLink,
  itemKey,
  normaliseFeed,
  parseFeedDate,
} from '../../../src/feeds/normalise.js';
import { parseFeed } from '../../../src/feeds/parse.js';

describe('canonicalLink', () => {
  it('lower-cases scheme and host, drops tracking parameters, fragment and default port', () => {
    expect(
      canonicalLink(
        'HTTPS://News.Example.COM:443/a/B?id=7&utm_source=rss&fbclid=x&gclid=y&mc_cid=1&ocid=z&cmpid=q#top',
      ),
    ).toBe('https://news.example.com/a/B?id=7');
  });
  it('resolves relative links and refuses non-http schemes', () => {
    expect(canonicalLink('/story/1', 'https://example.org/feed/')).toBe(
      'https://example.org/story/1',
    );
    expect(canonicalLink('javascript:alert(1)')).toBeUndefined();
  });
});

describe('parseFeedDate', () => {
  it('reads RFC 822, ISO 8601 and odd zone names', () => {
    expect(parseFeedDate('Tue, 10 Jun 2003 04:00:00 GMT')).toBe('2003-06-10T04:00:00.000Z');
    expect(parseFeedDate('2003-12-31T10:14:55Z')).toBe('2003-12-31T10:14:55.000Z');
    expect(parseFeedDate('Mon, 01 Jan 2024 10:00:00 CET')).toBe('2024-01-01T09:00:00.000Z');
    expect(parseFeedDate('not a date')).toBeUndefined();
  });
});

describe('item keys', () => {
  it('uses the GUID, else the link when the GUID is the headline or repeated, else a hash', () => {
    expect(itemKey('urn:1', 'Title', 'https://e.org/1', 1)).toEqual({
      key: 'urn:1',
      keySource: 'guid',
    });
    expect(itemKey('Title', 'Title', 'https://e.org/1', 1)).toEqual({
      key: 'https://e.org/1',
      keySource: 'link',
    });
    expect(itemKey('dup', 'Title', 'https://e.org/1', 2).keySource).toBe('link');
    expect(itemKey(undefined, 'Title', undefined, 0).keySource).toBe('hash');
  });

  it('falls back per item in a document with repeated GUIDs and takes dates from dc:date or updated', async () => {
    const xml = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title><link>https://e.org/</link>
      <item><title>A</title><guid>same</guid><link>/a?utm_medium=x</link><dc:date>2024-02-01T00:00:00Z</dc:date></item>
      <item><title>B</title><guid>same</guid><link>/b</link></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml));
    expect(feed.items.map((i) => i.key)).toEqual(['https://e.org/a', 'https://e.org/b']);
    expect(feed.items[0].published).toBe('2024-02-01T00:00:00.000Z');
    expect(feed.items[1].published).toBeUndefined();
  });

  it('caps bodies', () => {
    const feed = normaliseFeed(
      {
        format: 'rss',
        malformed: false,
        items: [{ title: 't', dates: [], bodies: ['<p>' + 'word '.repeat(10_000) + '</p>'] }],
      },
      'utf-8',
      { maxBodyChars: 1000 },
    );
    expect(feed.items[0].body.length).toBe(1000);
  });
});

describe('parse edge cases', () => {
  it('reads JSON Feed 1.1', async () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [
        {
          id: '1',
          url: 'https://e.org/1',
          title: 'T',
          content_html: '<b>x</b>',
          date_published: '2024-01-01T00:00:00Z',
        },
      ],
    };
    const feed = await parseFeed(Buffer.from(JSON.stringify(doc)));
    expect(feed.format).toBe('json');
    expect(feed.items[0]).toMatchObject({
      key: '1',
      title: 'T',
      body: 'x',
      link: 'https://e.org/1',
    });
  });

  it('reads an <rss> without <channel> as an empty feed, and an Atom xhtml title as text', async () => {
    expect((await parseFeed(Buffer.from('<rss version="2.0"></rss>'))).items).toEqual([]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>world</b></div></title>
      <entry><id>e1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Entry <i>one</i></div></title><updated>2024-01-01T00:00:00Z</updated></entry></feed>`;
    const feed = await parseFeed(Buffer.from(atom));
    expect(feed.title).toBe('Hello world');
    expect(feed.items[0].title).toBe('Entry one');
  });

  it('says "not a feed" for an HTML page and an empty document', async () => {
    await expect(
      parseFeed(Buffer.from('<!DOCTYPE html><html><body>hi</body></html>')),
    ).rejects.toMatchObject({ code: 'FEED_PARSE' });
    await expect(parseFeed(Buffer.from(''))).rejects.toMatchObject({
      code: 'FEED_PARSE',
      message: /not a feed/,
    });
  });
});

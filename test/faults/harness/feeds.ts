import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCorpus, type Corpus } from './corpus.js';

/** One generated feed item, as served. */
export interface GeneratedItem {
  /** Position in the whole run, 0-based; unique. */
  seq: number;
  feed: string;
  title: string;
  body: string;
  link: string;
  guid: string;
  pubDate: string;
  /** Made from an eval positive (likely flagged) or from a real benign news item. */
  kind: 'flagged' | 'benign';
}

/** Options of {@link feedServer}. */
export interface FeedServerOptions {
  /** Number of feeds. @defaultValue 30 */
  feeds?: number;
  /** Items generated per feed at start. @defaultValue 50 (1,500 in all) */
  itemsPerFeed?: number;
  /** Share of items made from eval positives, 0..1. @defaultValue 0.12 */
  flaggedShare?: number;
  /**
   * Items visible from the start (the rest wait for {@link FeedServer.release}).
   * @defaultValue all generated items
   */
  initial?: number;
  /** Most items in one feed document (newest first), like real feeds. @defaultValue unlimited */
  maxPerDocument?: number;
}

/** Feed names and URLs of a {@link feedServer}, for configs. */
export interface ServedFeed {
  name: string;
  url: string;
}

/** A local HTTP server serving generated RSS 2.0 feeds. */
export interface FeedServer {
  readonly feeds: readonly ServedFeed[];
  /** Every item generated so far, released or not, in seq order. */
  readonly items: readonly GeneratedItem[];
  /** Items currently visible in the feeds. */
  released(): GeneratedItem[];
  /** Makes `count` more of the generated items visible (fewer if none are left); returns them. */
  release(count: number): GeneratedItem[];
  /** Makes every generated item visible. */
  releaseAll(): void;
  /** Generates `count` new items (round-robin over the feeds) and makes them visible. */
  add(count: number): GeneratedItem[];
  /** HTTP requests served per feed name. */
  readonly requests: ReadonlyMap<string, number>;
  /** The RSS document of a feed holding exactly `items` (for the expected-alert computation). */
  render(feed: string, items: readonly GeneratedItem[]): string;
  close(): Promise<void>;
}

/**
 * Starts an RSS server with `feeds × itemsPerFeed` items mixing eval positives and real benign
 * news. Every item has a unique title, link and GUID (a story appears once in the whole run),
 * and a publication date of now so `maxItemAge` keeps it.
 */
export async function feedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  const corpus = await loadCorpus();
  const feedCount = options.feeds ?? 30;
  const perFeed = options.itemsPerFeed ?? 50;
  const share = options.flaggedShare ?? 0.12;
  const names = Array.from({ length: feedCount }, (_, i) => `fault-${String(i).padStart(2, '0')}`);
  const items: GeneratedItem[] = [];
  const perFeedItems = new Map<string, GeneratedItem[]>(names.map((n) => [n, []]));
  const requests = new Map<string, number>();
  let visible = 0;
  let flaggedSoFar = 0;

  const generate = (count: number): GeneratedItem[] => {
    const out: GeneratedItem[] = [];
    for (let k = 0; k < count; k++) {
      const seq = items.length;
      const feed = names[seq % feedCount];
      // Spread positives evenly: the item is flagged-kind when the running share falls behind.
      const kind = flaggedSoFar < Math.round((seq + 1) * share) ? 'flagged' : 'benign';
      if (kind === 'flagged') flaggedSoFar++;
      const item = makeItem(corpus, seq, feed, kind);
      items.push(item);
      perFeedItems.get(feed)!.push(item);
      out.push(item);
    }
    return out;
  };
  generate(feedCount * perFeed);
  visible = Math.min(items.length, options.initial ?? items.length);

  const render = (feed: string, list: readonly GeneratedItem[]) => rss(feed, list);
  const server: Server = createServer((req, res) => {
    const m = /^\/feeds\/([\w-]+)\.xml$/.exec(req.url ?? '');
    const feed = m ? m[1] : undefined;
    if (!feed || !perFeedItems.has(feed)) {
      res.writeHead(404).end();
      return;
    }
    requests.set(feed, (requests.get(feed) ?? 0) + 1);
    let list = perFeedItems.get(feed)!.filter((it) => it.seq < visible);
    if (options.maxPerDocument !== undefined) list = list.slice(-options.maxPerDocument);
    res
      .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
      .end(render(feed, [...list].reverse()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const feeds = names.map((name) => ({ name, url: `http://127.0.0.1:${port}/feeds/${name}.xml` }));

  return {
    feeds,
    items,
    requests,
    render,
    released: () => items.slice(0, visible),
    release(count) {
      const from = visible;
      visible = Math.min(items.length, visible + count);
      return items.slice(from, visible);
    },
    releaseAll() {
      visible = items.length;
    },
    add(count) {
      const added = generate(count);
      visible = items.length;
      return added;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function makeItem(
  corpus: Corpus,
  seq: number,
  feed: string,
  kind: 'flagged' | 'benign',
): GeneratedItem {
  const pool = kind === 'flagged' ? corpus.flagged : corpus.benign;
  // Walk the pool with a stride coprime to most sizes so neighbours differ.
  const src = pool[(seq * 7) % pool.length];
  return {
    seq,
    feed,
    kind,
    title: `${src.title} (dispatch ${seq})`,
    body: src.body,
    link: `https://news.example.org/${feed}/story-${seq}`,
    guid: `fault-story-${seq}`,
    pubDate: new Date().toUTCString(),
  };
}

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function rss(feed: string, list: readonly GeneratedItem[]): string {
  const body = list
    .map(
      (it) =>
        `<item><title>${esc(it.title)}</title><link>${esc(it.link)}</link>` +
        `<guid isPermaLink="false">${esc(it.guid)}</guid><pubDate>${it.pubDate}</pubDate>` +
        `<description>${esc(it.body)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${feed}</title><link>https://news.example.org/${feed}</link><description>fault-test feed</description>\n${body}\n</channel></rss>\n`;
}

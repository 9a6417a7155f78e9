import { decodeFeedBytes } from '../feeds/decode.js';
import { languageTag } from '../feeds/language.js';
import { parseFeed } from '../feeds/parse.js';
import type { ParsedFeed } from '../feeds/types.js';
import { htmlToText, normaliseWhitespace } from '../feeds/text.js';
import { SwError } from '../errors.js';

/** One thing `scan` runs the matcher on: a feed item, an article file or what came on stdin. */
export interface ScanItem {
  id: string;
  title: string;
  body: string;
  link?: string;
  published?: string;
  /** Declared by the feed or the page (`<html lang>`); else detected when scanned. */
  language?: string;
}

/** What a document read from stdin is: a feed (many items), an HTML page or plain text (one). */
export type DocumentKind = 'feed' | 'html' | 'text';

/** A feed's root element (RSS, Atom, RDF), possibly after a prologue, comments or a stylesheet. */
const FEED_ROOT =
  /^(?:<\?[^>]*>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE(?![^>]*\bhtml\b)[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]/i;
const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/i;

/**
 * Tells a feed from an article by how it starts: feeds are XML with a feed root or JSON; anything
 * with tags is an HTML page; the rest is text, so `echo "…" | sanctionwatch scan -` works.
 */
export function documentKind(text: string): DocumentKind {
  const t = text.replace(/^[\s\ufeff]+/, '');
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      JSON.parse(t);
      return 'feed';
    } catch {
      // "[UPDATE] Navy seizes …" is a headline, not JSON.
      return 'text';
    }
  }
  if (FEED_ROOT.test(t)) return 'feed';
  return HTML_TAG.test(t) ? 'html' : 'text';
}

/** Plain text as one item: the first non-blank line is the title, the rest the body. */
export function textItem(text: string, id: string): ScanItem {
  const t = text.replace(/\r\n?/g, '\n').replace(/^[\s\ufeff]+/, '');
  const nl = t.indexOf('\n');
  const title = normaliseWhitespace(nl < 0 ? t : t.slice(0, nl));
  return { id, title, body: nl < 0 ? '' : t.slice(nl + 1).trim() };
}

/** An HTML page as one item: `<title>` (or the first `<h1>`) as title, its visible text as body. */
export function htmlItem(html: string, id: string): ScanItem {
  const body = htmlToText(html);
  const heading =
    /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ??
    /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const title = heading === undefined ? '' : htmlToText(heading).replace(/\n/g, ' ');
  const lang = languageTag(/<html\b[^>]*\slang\s*=\s*["']?([\w-]+)/i.exec(html)?.[1]);
  // No title: the first line of text stands in, as for a text article.
  const item = title ? { id, title, body } : textItem(body, id);
  return lang ? { ...item, language: lang } : item;
}

/** Reads a whole stream, refusing more than `maxBytes` (bad input, exit 2). */
export async function readAll(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    if (total > maxBytes)
      throw new SwError('INPUT_UNREADABLE', `stdin is larger than ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The items of a document read from stdin: a feed's items, or the page or text as one item. */
export async function stdinItems(bytes: Buffer): Promise<ScanItem[]> {
  const { text } = decodeFeedBytes(bytes);
  const kind = documentKind(text);
  if (kind === 'html') return [htmlItem(text, 'stdin')];
  if (kind === 'text') {
    if (text.trim() === '') throw new SwError('INPUT_UNREADABLE', 'stdin is empty');
    return [textItem(text, 'stdin')];
  }
  return feedScanItems(await parseFeed(bytes));
}

/** A parsed feed's items as scan items. */
export function feedScanItems(feed: ParsedFeed): ScanItem[] {
  return feed.items.map((i) => ({
    id: i.key,
    title: i.title,
    body: i.body,
    link: i.link,
    published: i.published,
    language: i.language,
  }));
}

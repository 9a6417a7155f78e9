import { createHash } from 'node:crypto';
import { parseFeedDate } from './dates.js';
import { itemLanguage } from './language.js';
import { canonicalLink } from './links.js';
import { htmlToText, MAX_BODY_CHARS, normaliseWhitespace } from './text.js';
import type { FeedItem, ParsedFeed, RawFeed, RawItem } from './types.js';

export { canonicalLink } from './links.js';
export { htmlToText, normaliseWhitespace } from './text.js';
export { parseFeedDate } from './dates.js';

export interface NormaliseOptions {
  /** URL the document was read from; relative links resolve against the feed's link, then this. */
  baseUrl?: string;
  /** Cap on an item's plain-text body. @defaultValue 20000 characters */
  maxBodyChars?: number;
}

/** Longest GUID used as a key as is; longer ones are hashed so Redis keys stay small. */
const MAX_KEY_CHARS = 512;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function bodyText(bodies: string[], max: number): string {
  const texts = bodies.map((b) => htmlToText(b, max)).filter((t) => t !== '');
  // Summaries are often the opening of the content: keep the longer of two that overlap.
  const kept: string[] = [];
  for (const t of texts.sort((a, b) => b.length - a.length)) {
    if (!kept.some((k) => k.includes(t.slice(0, 200)))) kept.push(t);
  }
  return kept.join('\n').slice(0, max);
}

interface Keyed {
  key: string;
  keySource: FeedItem['keySource'];
}

/**
 * The stable key: the GUID, unless it is missing, repeated within the document, or just the
 * headline (publishers that put the title in the GUID change it with every edit); then the
 * canonical link; then a hash of link + title.
 */
export function itemKey(
  guid: string | undefined,
  title: string,
  link: string | undefined,
  guidCount: number,
): Keyed {
  const g = guid?.trim();
  if (g && guidCount === 1 && normaliseWhitespace(g) !== title) {
    return { key: g.length > MAX_KEY_CHARS ? `sha256:${sha256(g)}` : g, keySource: 'guid' };
  }
  if (link)
    return {
      key: link.length > MAX_KEY_CHARS ? `sha256:${sha256(link)}` : link,
      keySource: 'link',
    };
  return { key: `sha256:${sha256(`${link ?? ''}\n${title}`)}`, keySource: 'hash' };
}

function absoluteBase(
  feedLink: string | undefined,
  baseUrl: string | undefined,
): string | undefined {
  const resolved = canonicalLink(feedLink, baseUrl);
  return resolved ?? (baseUrl && /^https?:/i.test(baseUrl) ? baseUrl : undefined);
}

/** Raw parsed feed to plain-text items with canonical links and stable keys. */
export function normaliseFeed(
  raw: RawFeed,
  encoding: string,
  options: NormaliseOptions = {},
): ParsedFeed {
  const max = options.maxBodyChars ?? MAX_BODY_CHARS;
  const feedLink = absoluteBase(raw.link, options.baseUrl);
  const guidCounts = new Map<string, number>();
  for (const it of raw.items) {
    const g = it.guid?.trim();
    if (g) guidCounts.set(g, (guidCounts.get(g) ?? 0) + 1);
  }
  const items = raw.items.map((it: RawItem): FeedItem => {
    const title = it.title ? htmlToText(it.title, 1000) : '';
    const link = canonicalLink(it.link, feedLink);
    const guid = it.guid?.trim() || undefined;
    const published = it.dates.map(parseFeedDate).find((d) => d !== undefined);
    const keyed = itemKey(guid, title, link, guid ? (guidCounts.get(guid) ?? 0) : 0);
    const item: FeedItem = { ...keyed, title, body: bodyText(it.bodies, max) };
    const language = itemLanguage(it.language ?? raw.language, title, item.body);
    if (language) item.language = language;
    if (guid) item.guid = guid;
    if (link) item.link = link;
    if (published) item.published = published;
    return item;
  });
  const parsed: ParsedFeed = { items, malformed: raw.malformed, encoding, format: raw.format };
  const title = raw.title ? htmlToText(raw.title, 1000) : '';
  if (title) parsed.title = title;
  if (feedLink) parsed.link = feedLink;
  return parsed;
}

/** The story an item tells, across feeds: its canonical link, else its item key. */
export function storyKey(item: Pick<FeedItem, 'link' | 'key'>): string {
  return item.link ?? item.key;
}

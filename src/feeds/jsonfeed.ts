import type { RawFeed, RawItem } from './types.js';

type Loose = Record<string, unknown>;

function s(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** JSON Feed 1.0/1.1 (https://jsonfeed.org). Returns undefined when the JSON is not a feed. */
export function parseJsonFeed(doc: unknown): RawFeed | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const feed = doc as Loose;
  const isJsonFeed = typeof feed.version === 'string' && feed.version.includes('jsonfeed.org');
  if (!isJsonFeed && !Array.isArray(feed.items)) return undefined;
  const items: RawItem[] = (Array.isArray(feed.items) ? feed.items : [])
    .filter((i): i is Loose => typeof i === 'object' && i !== null)
    .map((i) => ({
      guid: s(i.id),
      title: s(i.title),
      link: s(i.url) ?? s(i.external_url),
      dates: [s(i.date_published), s(i.date_modified)].filter((d): d is string => d !== undefined),
      bodies: [s(i.summary), s(i.content_html) ?? s(i.content_text)].filter(
        (b): b is string => b !== undefined,
      ),
      ...(s(i.language) ? { language: s(i.language) } : {}),
    }));
  return {
    format: 'json',
    malformed: false,
    title: s(feed.title),
    link: s(feed.home_page_url),
    items,
    ...(s(feed.language) ? { language: s(feed.language) } : {}),
  };
}

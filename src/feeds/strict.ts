import Parser from 'rss-parser';
import type { RawFeed, RawItem } from './types.js';

type Loose = Record<string, unknown>;

/** Thrown when the strict parser rejects the XML itself (not well-formed). */
export class StrictSyntaxError extends Error {}

/** Plain string from whatever xml2js produced: strings, `{_: text, $: attrs}`, arrays, XHTML objects. */
export function flatten(value: unknown, depth = 0): string | undefined {
  if (value === undefined || value === null || depth > 50) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value
      .map((v) => flatten(v, depth + 1))
      .filter((v): v is string => v !== undefined);
    return parts.length ? parts.join(' ') : undefined;
  }
  if (typeof value === 'object') {
    const obj = value as Loose;
    // xml2js splits mixed content into `_` (all text) and child arrays; keep both (order is lost).
    const parts = Object.entries(obj)
      .filter(([k]) => k !== '$')
      .sort(([a], [b]) => (a === '_' ? -1 : b === '_' ? 1 : 0))
      .map(([, v]) => flatten(v, depth + 1))
      .filter((v): v is string => v !== undefined);
    return parts.length ? parts.join(' ') : undefined;
  }
  return undefined;
}

function str(value: unknown): string | undefined {
  const s = flatten(value)?.trim();
  return s ? s : undefined;
}

function item(raw: Loose): RawItem {
  const dates = [raw.pubDate, raw['dc:date'], raw.date, raw.published, raw.updated, raw.isoDate]
    .map(str)
    .filter((d): d is string => d !== undefined);
  const bodies = [raw.summary, raw.content, raw['content:encoded']]
    .map((b) => flatten(b))
    .filter((b): b is string => b !== undefined && b.trim() !== '');
  return {
    guid: str(raw.guid) ?? str(raw.id),
    title: str(raw.title),
    link: str(raw.link),
    dates,
    bodies,
  };
}

function formatOf(xml: string): RawFeed['format'] {
  const root = /<([A-Za-z][\w.:-]*)[\s>/]/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''));
  const name = root?.[1]?.toLowerCase() ?? '';
  if (name.endsWith('feed')) return 'atom';
  if (name.includes('rdf')) return 'rdf';
  return 'rss';
}

/**
 * The strict path: rss-parser (xml2js over sax in strict mode, which does not expand DTD entities).
 * Throws {@link StrictSyntaxError} when the XML is not well-formed or not a feed it knows; any other
 * throw is rss-parser tripping over a valid shape (an `<rss>` without `<channel>`, a bad Atom date).
 */
export async function parseStrict(xml: string): Promise<RawFeed> {
  const parser = new Parser({
    defaultRSS: 2,
    customFields: { item: ['published', 'updated', 'id'] as never[] },
  });
  let feed: Loose;
  try {
    feed = await parser.parseString(xml);
  } catch (err) {
    if (err instanceof TypeError || err instanceof RangeError) throw err;
    throw new StrictSyntaxError(err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
  const items = Array.isArray(feed.items) ? (feed.items as Loose[]) : [];
  return {
    format: formatOf(xml),
    malformed: false,
    title: str(feed.title),
    link: str(feed.link),
    items: items.map(item),
  };
}

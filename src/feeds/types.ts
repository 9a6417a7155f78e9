/** A feed item after parsing and normalising: plain text, canonical link, stable key. */
export interface FeedItem {
  /** Stable key for dedup: GUID, else canonical link, else hash of link + title. */
  key: string;
  /** Which of the three the key came from. */
  keySource: 'guid' | 'link' | 'hash';
  guid?: string;
  title: string;
  /** Canonical link (lower-case scheme/host, tracking parameters and fragment dropped). */
  link?: string;
  /** ISO 8601, when the feed gave a parsable date. */
  published?: string;
  /** Plain text of summary and content, entities decoded, whitespace normalised, capped. */
  body: string;
  /** ISO 639-1 code: declared by the feed (or entry), else detected from the text. */
  language?: string;
}

export interface ParsedFeed {
  title?: string;
  /** The feed's own (site) link, canonicalised; relative item links were resolved against it. */
  link?: string;
  items: FeedItem[];
  /** True when the strict parse failed and a lenient one recovered the items. */
  malformed: boolean;
  /** Encoding the bytes were decoded with. */
  encoding: string;
  /** Which syntax the document was read as. */
  format?: FeedFormat;
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** An item as the document gave it, before normalising: strings only, nothing decoded twice. */
export interface RawItem {
  guid?: string;
  title?: string;
  link?: string;
  /** Date strings in order of preference (published first, then updated). */
  dates: string[];
  /** HTML or text fragments: summary/description first, then full content. */
  bodies: string[];
  /** The entry's own language tag (JSON Feed item `language`), over the feed's. */
  language?: string;
}

export interface RawFeed {
  title?: string;
  link?: string;
  items: RawItem[];
  format: FeedFormat;
  malformed: boolean;
  /** The language tag the feed declares (`<language>`, `xml:lang`, JSON Feed `language`). */
  language?: string;
}

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
}

export interface ParsedFeed {
  title?: string;
  items: FeedItem[];
  /** True when the strict parse failed and a lenient one recovered the items. */
  malformed: boolean;
  /** Encoding the bytes were decoded with. */
  encoding: string;
}

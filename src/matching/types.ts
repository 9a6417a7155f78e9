/** What the matcher reads: an item's title and plain-text body. */
export interface MatchInput {
  title: string;
  /** Summary and content as plain text (HTML already stripped by the feed normaliser). */
  body: string;
  /**
   * When the item was published (ISO 8601). UN measures are judged as they stood on that day;
   * without it, on the matcher's current date.
   */
  published?: string;
}

export interface Match {
  kind: 'entity' | 'term' | 'reference';
  /** Watchlist (or vocabulary) name. */
  list: string;
  /** The entry's primary name. */
  name: string;
  /** The entry's reference on an official list. */
  ref?: string;
  /** The text as it stood in the item's plain text. */
  text: string;
  /** Offsets into the item's plain text (see {@link plainText}). */
  start: number;
  end: number;
}

export interface MatchResult {
  flagged: boolean;
  /** Categories whose rule fired, sorted. */
  categories: string[];
  /** In [0, 1]. */
  score: number;
  matches: Match[];
  /** Sentences that carry the evidence, in text order. */
  evidence: string[];
  /** Short human reasons per category: why each rule fired. */
  reasons?: Record<string, string[]>;
}

/** The item's plain text that match offsets point into: title, blank line, body. */
export function plainText(input: MatchInput): string {
  return input.body ? `${input.title}\n\n${input.body}` : input.title;
}

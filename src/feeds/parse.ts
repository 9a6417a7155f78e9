import { SwError } from '../errors.js';
import { decodeFeedBytes } from './decode.js';
import { checkJsonDepth, neutraliseDoctype } from './hostile.js';
import { parseJsonFeed } from './jsonfeed.js';
import { declaredXmlLanguage } from './language.js';
import { parseLenient } from './lenient.js';
import { normaliseFeed, type NormaliseOptions } from './normalise.js';
import { parseStrict, StrictSyntaxError } from './strict.js';
import type { ParsedFeed, RawFeed } from './types.js';

export interface ParseOptions extends NormaliseOptions {
  /** HTTP Content-Type, whose charset wins over the XML declaration. */
  contentType?: string;
}

function notAFeed(detail?: string): SwError {
  return new SwError('FEED_PARSE', detail ? `not a feed (${detail})` : 'not a feed');
}

function parseJson(text: string): RawFeed {
  checkJsonDepth(text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new SwError(
      'FEED_PARSE',
      `invalid JSON: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  const feed = parseJsonFeed(doc);
  if (!feed) throw notAFeed('JSON without items');
  return feed;
}

async function parseXml(text: string): Promise<RawFeed> {
  const xml = neutraliseDoctype(text);
  const language = declaredXmlLanguage(xml);
  const withLanguage = (feed: RawFeed): RawFeed => (language ? { ...feed, language } : feed);
  try {
    return withLanguage(await parseStrict(xml));
  } catch (err) {
    const syntax = err instanceof StrictSyntaxError;
    // rss-parser tripped over a well-formed shape (e.g. <rss> without <channel>): not malformed.
    const recovered = parseLenient(xml, syntax);
    if (recovered) return withLanguage(recovered);
    if (/^\s*<(!doctype\s+html|html)[\s>]/i.test(xml)) throw notAFeed('an HTML page');
    throw notAFeed(syntax ? err.message : undefined);
  }
}

/** Parses a decoded document (RSS, RDF, Atom or JSON Feed) into its raw form. Throws SwError only. */
export async function parseFeedText(text: string): Promise<RawFeed> {
  const trimmed = text.replace(/^[\s\ufeff]+/, '');
  if (trimmed === '') throw notAFeed('empty document');
  try {
    if (trimmed[0] === '{' || trimmed[0] === '[') return parseJson(trimmed);
    if (trimmed[0] !== '<') throw notAFeed('no markup');
    return await parseXml(trimmed);
  } catch (err) {
    if (err instanceof SwError) throw err;
    throw new SwError(
      'FEED_PARSE',
      `unreadable feed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

/**
 * Bytes to a normalised feed: decoded (HTTP charset, XML declaration, BOM, UTF-8), hostile DTDs
 * refused, parsed strictly with rss-parser or leniently when that fails, items normalised.
 * Throws SwError FEED_PARSE or FEED_HOSTILE, never anything else.
 */
export async function parseFeed(
  bytes: Uint8Array,
  options: ParseOptions = {},
): Promise<ParsedFeed> {
  const { text, encoding } = decodeFeedBytes(bytes, options.contentType);
  const raw = await parseFeedText(text);
  try {
    return normaliseFeed(raw, encoding, options);
  } catch (err) {
    throw new SwError(
      'FEED_PARSE',
      `feed items unreadable: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

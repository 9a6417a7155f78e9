import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SwError } from '../errors.js';
import { fetchFeed } from './fetch.js';
import { parseFeed } from './parse.js';
import type { ParsedFeed } from './types.js';

export interface ReadSourceOptions {
  /** Body cap in bytes. @defaultValue 15 MB */
  maxBytes?: number;
  /** @defaultValue 30s */
  timeoutMs?: number;
  /** URL in the User-Agent. @defaultValue the project URL */
  contact?: string;
}

/**
 * Reads a feed from a file path or an http(s)/file URL and parses it. Throws SwError. (`scan -`
 * reads stdin itself: it may be a page or plain text too.)
 */
export async function readFeedSource(
  source: string,
  options: ReadSourceOptions = {},
): Promise<ParsedFeed> {
  const maxBytes = options.maxBytes ?? 15 * 1024 * 1024;
  const isUrl = /^(https?|file):/i.test(source);
  if (!isUrl) {
    // Check it exists first so a missing path is bad input (exit 2), not a feed error.
    try {
      await (await open(source, 'r')).close();
    } catch (err) {
      throw new SwError(
        'INPUT_UNREADABLE',
        `cannot read ${source}: ${(err as { code?: string }).code ?? String(err)}`,
        { cause: err },
      );
    }
  }
  const url = isUrl ? source : pathToFileURL(resolve(source)).toString();
  const fetched = await fetchFeed(url, {
    maxBytes,
    timeoutMs: options.timeoutMs,
    contact: options.contact,
  });
  if (fetched.kind !== 'ok') throw new SwError('FEED_HTTP', `${source}: unexpected 304`);
  return parseFeed(fetched.body, {
    contentType: fetched.contentType,
    baseUrl: /^https?:/i.test(fetched.url) ? fetched.url : undefined,
  });
}

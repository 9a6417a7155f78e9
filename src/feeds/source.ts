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
  /** Stream read for `-`. @defaultValue process.stdin */
  stdin?: NodeJS.ReadableStream;
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    if (total > maxBytes)
      throw new SwError('FEED_TOO_LARGE', `stdin larger than ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Reads a feed from a file path, an http(s)/file URL, or `-` for stdin, and parses it. Throws SwError. */
export async function readFeedSource(
  source: string,
  options: ReadSourceOptions = {},
): Promise<ParsedFeed> {
  const maxBytes = options.maxBytes ?? 15 * 1024 * 1024;
  if (source === '-') {
    return parseFeed(await readStream(options.stdin ?? process.stdin, maxBytes));
  }
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

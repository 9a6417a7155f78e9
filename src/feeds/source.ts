// PROVISIONAL: the poller work replaces this (same exported signature).
import type { ParsedFeed } from './types.js';

export interface ReadSourceOptions {
  /** Body cap in bytes. @defaultValue 15 MB */
  maxBytes?: number;
  /** @defaultValue 30s */
  timeoutMs?: number;
}

/** Reads a feed from a file path, an http(s)/file URL, or `-` for stdin, and parses it. */
export function readFeedSource(_source: string, _options: ReadSourceOptions = {}): Promise<ParsedFeed> {
  return Promise.reject(new Error('readFeedSource is not built yet'));
}

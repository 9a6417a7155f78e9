import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Agent, request } from 'undici';
import { SwError } from '../errors.js';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { parseRetryAfter, userAgent } from '../net/http.js';

export interface FetchOptions {
  /** Body cap in bytes, enforced while streaming and after decompression. @defaultValue 15 MB */
  maxBytes?: number;
  /** Whole request, headers and body. @defaultValue 30s */
  timeoutMs?: number;
  /** @defaultValue 10s */
  connectTimeoutMs?: number;
  /** URL in the User-Agent so feed owners can reach the operator. @defaultValue the project URL */
  contact?: string;
  etag?: string;
  lastModified?: string;
  /** @defaultValue 5 */
  maxRedirects?: number;
  clock?: Clock;
  /** Aborts the request (the daemon stopping): rejects with STOPPED, not a feed failure. */
  signal?: AbortSignal;
}

export type FetchResult =
  | { kind: 'not-modified'; url: string; permanentUrl?: string }
  | {
      kind: 'ok';
      /** Final URL after redirects (the base for relative links). */
      url: string;
      /** Set when every hop was a 301/308: the URL to use from now on. */
      permanentUrl?: string;
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    };

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.5';

const agents = new Map<string, Agent>();
function agentFor(connectTimeoutMs: number, timeoutMs: number): Agent {
  const key = `${connectTimeoutMs}/${timeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: { timeout: connectTimeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    agents.set(key, agent);
  }
  return agent;
}

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function tooLarge(maxBytes: number): SwError {
  return new SwError('FEED_TOO_LARGE', `feed larger than ${maxBytes} bytes`);
}

async function decompress(
  body: Buffer,
  encoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const enc = (encoding ?? '').trim().toLowerCase();
  const opts = { maxOutputLength: maxBytes };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return await promisify(zlib.gunzip)(body, opts);
    if (enc === 'br') return await promisify(zlib.brotliDecompress)(body, opts);
    if (enc === 'deflate') {
      try {
        return await promisify(zlib.inflate)(body, opts);
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw err;
        return await promisify(zlib.inflateRaw)(body, opts);
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new SwError('FEED_NETWORK', `bad ${enc} body: ${(err as Error).message}`, { cause: err });
  }
  return body;
}

async function readFileCapped(url: string, maxBytes: number): Promise<FetchResult> {
  let handle;
  try {
    handle = await open(fileURLToPath(url), 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new SwError(
      code === 'ENOENT' ? 'FEED_NOT_FOUND' : 'INPUT_UNREADABLE',
      `cannot read ${url}: ${code ?? (err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLarge(maxBytes);
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return { kind: 'ok', url, body: buf.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

function networkError(err: unknown, url: string, timeoutMs: number, timedOut: boolean): SwError {
  if (err instanceof SwError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (timedOut || /TIMEOUT/.test(code)) {
    return new SwError('FEED_TIMEOUT', `${url}: no complete response within ${timeoutMs} ms`, {
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new SwError('FEED_NETWORK', `${url}: ${code ? `${code} ` : ''}${message}`, { cause: err });
}

/**
 * GETs a feed politely: conditional headers, redirects followed by hand (at most 5, loops refused,
 * a 301/308 chain reported as permanent), a body cap enforced while streaming, gzip/deflate/br,
 * connect and whole-response timeouts. `file://` URLs are read from disk with the same cap.
 * Throws SwError: FEED_GONE (410), FEED_HTTP (with retryAfterMs on 429/503), FEED_REDIRECTS,
 * FEED_TOO_LARGE, FEED_TIMEOUT, FEED_NETWORK.
 */
export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? 15 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const clock = options.clock ?? systemClock;
  if (url.startsWith('file:')) return readFileCapped(url, maxBytes);

  const headers: Record<string, string> = {
    'user-agent': userAgent(options.contact),
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  const dispatcher = agentFor(connectTimeoutMs, timeoutMs);
  const visited = new Set<string>([url]);
  let current = url;
  let permanent = true;
  let permanentUrl: string | undefined;
  try {
    for (let hop = 0; ; hop++) {
      let res;
      try {
        res = await request(current, {
          method: 'GET',
          headers,
          signal: controller.signal,
          dispatcher,
        });
      } catch (err) {
        throw networkError(err, current, timeoutMs, timedOut);
      }
      const status = res.statusCode;
      if ([301, 302, 303, 307, 308].includes(status)) {
        await res.body.dump().catch(() => undefined);
        const location = header(res.headers, 'location');
        if (!location)
          throw new SwError('FEED_HTTP', `${current}: HTTP ${status} without Location`);
        const next = new URL(location, current).toString();
        if (visited.has(next))
          throw new SwError('FEED_REDIRECTS', `${url}: redirect loop at ${next}`);
        if (hop + 1 > maxRedirects)
          throw new SwError('FEED_REDIRECTS', `${url}: more than ${maxRedirects} redirects`);
        visited.add(next);
        permanent = permanent && (status === 301 || status === 308);
        permanentUrl = permanent ? next : undefined;
        current = next;
        continue;
      }
      if (status === 304) {
        await res.body.dump().catch(() => undefined);
        return { kind: 'not-modified', url: current, ...(permanentUrl ? { permanentUrl } : {}) };
      }
      if (status < 200 || status >= 300) {
        await res.body.dump().catch(() => undefined);
        if (status === 410)
          throw new SwError('FEED_GONE', `${current}: HTTP 410 Gone`, { details: { status } });
        const retryAfterMs =
          status === 429 || status === 503
            ? parseRetryAfter(res.headers['retry-after'], clock.now())
            : undefined;
        throw new SwError('FEED_HTTP', `${current}: HTTP ${status}`, {
          details: { status },
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
      }
      const declared = Number(header(res.headers, 'content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        throw tooLarge(maxBytes);
      }
      const chunks: Buffer[] = [];
      let total = 0;
      try {
        for await (const chunk of res.body) {
          total += (chunk as Buffer).length;
          if (total > maxBytes) {
            res.body.destroy();
            throw tooLarge(maxBytes);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (err) {
        throw networkError(err, current, timeoutMs, timedOut);
      }
      const body = await decompress(
        Buffer.concat(chunks),
        header(res.headers, 'content-encoding'),
        maxBytes,
      );
      const etag = header(res.headers, 'etag');
      const lastModified = header(res.headers, 'last-modified');
      const contentType = header(res.headers, 'content-type');
      return {
        kind: 'ok',
        url: current,
        body,
        ...(permanentUrl ? { permanentUrl } : {}),
        ...(contentType ? { contentType } : {}),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      };
    }
  } catch (err) {
    if (options.signal?.aborted)
      throw new SwError('STOPPED', `${url}: fetch abandoned at stop`, { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
  }
}

import { request } from 'undici';
import { SwError } from '../errors.js';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { redactUrl, urlHasSecrets } from '../logger.js';
import { parseRetryAfter, userAgent } from '../net/http.js';
import { agentFor, fetchPolicyFor, type FetchPolicyOptions } from './fetch-policy.js';
import { credentialsFor, withoutUserinfo } from './fetch-auth.js';
import { decompress, readFileCapped, tooLarge } from './fetch-body.js';

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
  /**
   * The URL the operator configured (when `url` is a remembered redirect target): its userinfo
   * is the Basic auth sent, its origin the one credentials go to, and whether it is itself a
   * private address decides the fetch policy. @defaultValue url
   */
  configuredUrl?: string;
  /** Extra request headers (`feeds[].headers`), sent only to the configured URL's origin. */
  headers?: Readonly<Record<string, string>>;
  /** Which addresses the request may reach; see {@link fetchPolicyFor}. @defaultValue public only */
  policy?: FetchPolicyOptions;
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

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function networkError(err: unknown, url: string, timeoutMs: number, timedOut: boolean): SwError {
  if (err instanceof SwError && err.code === 'FEED_BLOCKED_ADDRESS') {
    // The URL tried (a configured one or a Location header) and the rule; never the address.
    return new SwError(err.code, `${redactUrl(url)}: ${err.message}`, {
      cause: err,
      details: err.details,
    });
  }
  if (err instanceof SwError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (timedOut || /TIMEOUT/.test(code)) {
    return new SwError(
      'FEED_TIMEOUT',
      `${redactUrl(url)}: no complete response within ${timeoutMs} ms`,
      {
        cause: err,
      },
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new SwError('FEED_NETWORK', `${redactUrl(url)}: ${code ? `${code} ` : ''}${message}`, {
    cause: err,
  });
}

/**
 * GETs a feed politely: conditional headers, redirects followed by hand (at most 5, loops refused,
 * a 301/308 chain reported as permanent), a body cap enforced while streaming, gzip/deflate/br,
 * connect and whole-response timeouts. Every connection is checked against the fetch policy at
 * connect time ({@link fetchPolicyFor}); userinfo in the configured URL is sent as Basic auth,
 * never in the request line. `file://` URLs are read from disk with the same cap.
 * Throws SwError: FEED_GONE (410), FEED_HTTP (with retryAfterMs on 429/503), FEED_REDIRECTS,
 * FEED_BLOCKED_ADDRESS, FEED_TOO_LARGE, FEED_TIMEOUT, FEED_NETWORK. Messages show URLs redacted.
 */
export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? 15 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (url.startsWith('file:')) return readFileCapped(url, maxBytes);
  const configuredUrl = options.configuredUrl ?? url;
  const policy = fetchPolicyFor(configuredUrl, options.policy);
  const { agent, owned } = agentFor(policy, options.connectTimeoutMs ?? 10_000, timeoutMs);
  const controller = new AbortController();
  const hop: Hop = {
    headers: baseHeaders(options),
    credentials: credentialsFor(configuredUrl, options.headers),
    signal: controller.signal,
    dispatcher: agent,
    timeoutMs,
    timedOut: false,
    maxBytes,
    clock: options.clock ?? systemClock,
  };
  const timer = setTimeout(() => {
    hop.timedOut = true;
    controller.abort();
  }, timeoutMs);
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await followRedirects(withoutUserinfo(url), options.maxRedirects ?? 5, hop);
  } catch (err) {
    if (options.signal?.aborted) {
      throw new SwError('STOPPED', `${redactUrl(url)}: fetch abandoned at stop`, { cause: err });
    }
    throw err;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
    if (owned) void agent.close().catch(() => undefined);
  }
}

interface Hop {
  headers: Record<string, string>;
  credentials: ReturnType<typeof credentialsFor>;
  signal: AbortSignal;
  dispatcher: ReturnType<typeof agentFor>['agent'];
  timeoutMs: number;
  timedOut: boolean;
  maxBytes: number;
  clock: Clock;
}

function baseHeaders(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent(options.contact),
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

async function followRedirects(url: string, maxRedirects: number, hop: Hop): Promise<FetchResult> {
  const visited = new Set<string>([url]);
  let current = url;
  let permanent = true;
  let permanentUrl: string | undefined;
  for (let n = 0; ; n++) {
    let res;
    try {
      res = await request(current, {
        method: 'GET',
        headers: { ...hop.headers, ...hop.credentials.headersFor(current) },
        signal: hop.signal,
        dispatcher: hop.dispatcher,
      });
    } catch (err) {
      throw networkError(err, current, hop.timeoutMs, hop.timedOut);
    }
    const status = res.statusCode;
    if (![301, 302, 303, 307, 308].includes(status)) {
      return answer(res, current, hop, permanentUrl);
    }
    await res.body.dump().catch(() => undefined);
    const location = header(res.headers, 'location');
    if (!location)
      throw new SwError('FEED_HTTP', `${redactUrl(current)}: HTTP ${status} without Location`);
    // Credentials come from the configured URL only, never from a Location header.
    const next = withoutUserinfo(new URL(location, current).toString());
    if (visited.has(next))
      throw new SwError('FEED_REDIRECTS', `${redactUrl(url)}: redirect loop at ${redactUrl(next)}`);
    if (n + 1 > maxRedirects)
      throw new SwError('FEED_REDIRECTS', `${redactUrl(url)}: more than ${maxRedirects} redirects`);
    visited.add(next);
    permanent = permanent && (status === 301 || status === 308);
    // A target carrying a secret is followed each time rather than remembered: the state that
    // would remember it is shown on the dashboard and only ever holds redacted URLs.
    permanentUrl = permanent && !urlHasSecrets(next) ? next : undefined;
    current = next;
  }
}

type Response = Awaited<ReturnType<typeof request>>;

async function answer(
  res: Response,
  current: string,
  hop: Hop,
  permanentUrl: string | undefined,
): Promise<FetchResult> {
  const status = res.statusCode;
  if (status === 304) {
    await res.body.dump().catch(() => undefined);
    return { kind: 'not-modified', url: current, ...(permanentUrl ? { permanentUrl } : {}) };
  }
  if (status < 200 || status >= 300) {
    await res.body.dump().catch(() => undefined);
    const where = redactUrl(current);
    if (status === 410)
      throw new SwError('FEED_GONE', `${where}: HTTP 410 Gone`, { details: { status } });
    const retryAfterMs =
      status === 429 || status === 503
        ? parseRetryAfter(res.headers['retry-after'], hop.clock.now())
        : undefined;
    throw new SwError('FEED_HTTP', `${where}: HTTP ${status}`, {
      details: { status },
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  const body = await readBody(res, current, hop);
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

async function readBody(res: Response, current: string, hop: Hop): Promise<Buffer> {
  const { maxBytes } = hop;
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
    throw networkError(err, current, hop.timeoutMs, hop.timedOut);
  }
  return decompress(Buffer.concat(chunks), header(res.headers, 'content-encoding'), maxBytes);
}

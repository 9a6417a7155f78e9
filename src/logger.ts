import { pino, stdSerializers, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger } from 'pino';

/** Options of {@link createLogger}; the `logging` section of the config fits. */
export interface LoggerOptions {
  /** @defaultValue info */
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Human-readable lines (pino-pretty) instead of JSON. @defaultValue false */
  pretty?: boolean;
}

/**
 * Every field that can hold a secret: SMTP URLs, webhook secrets, Redis URLs (which carry the
 * Redis password), dashboard passwords, authorisation headers and signatures.
 */
export const REDACT_PATHS: readonly string[] = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'smtp',
  '*.smtp',
  'token',
  '*.token',
  'redisUrl',
  '*.redisUrl',
  'redis.url',
  '*.redis.url',
  'auth.password',
  '*.auth.password',
  'http.auth.password',
  '*.http.auth.password',
  'channels[*].smtp',
  'channels[*].secret',
  '*.channels[*].smtp',
  '*.channels[*].secret',
  // Chat channels: bot and access tokens, and webhook URLs whose path is the secret.
  'channels[*].token',
  'channels[*].url',
  '*.channels[*].token',
  '*.channels[*].url',
  'headers.authorization',
  'headers.cookie',
  'headers["x-sanctionwatch-signature"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-sanctionwatch-signature"]',
];

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi;
const URLS_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/**
 * Query parameter names that carry secrets, compared lower-cased without `-` and `_`:
 * `api_key`, `API-Key` and `apikey` are one name. Names ending in `token`, `secret` or
 * `password` (`access_token`, `client_secret`) count as well.
 */
const SECRET_PARAMS = new Set(['key', 'apikey', 'sig', 'signature', 'pwd', 'passwd', 'auth']);
const SECRET_SUFFIXES = ['token', 'secret', 'password'];

/** True when a query parameter of this name would carry a secret (`token`, `api_key`, `sig`…). */
export function isSecretParam(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  return SECRET_PARAMS.has(n) || SECRET_SUFFIXES.some((s) => n.endsWith(s));
}

/** True when the URL carries a password or a secret-named query parameter. */
export function urlHasSecrets(url: string): boolean {
  try {
    const u = new URL(url);
    return u.password !== '' || [...u.searchParams.keys()].some(isSecretParam);
  } catch {
    return redactText(url) !== url;
  }
}

/**
 * The URL with its password and the values of secret-named query parameters replaced by `***`:
 * `https://desk:***@host/feed?token=***&page=2`. Safe to show, log and store. A URL without
 * secrets comes back unchanged, byte for byte.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(URL_CREDENTIALS, '$1***@');
  }
  if (!urlHasSecrets(url)) return url;
  if (u.password) u.password = '***';
  for (const name of new Set(u.searchParams.keys())) {
    if (isSecretParam(name)) u.searchParams.set(name, '***');
  }
  // searchParams encodes `*` as `%2A`; the mask reads better as written.
  return u.toString().replace(/%2A%2A%2A/g, '***');
}

/** Redacts every URL in free text (error messages quote URLs) with {@link redactUrl}. */
export function redactText(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URLS_IN_TEXT, (match) => {
    // A URL quoted in prose often ends with punctuation that is not part of it.
    const trail = /[.,:;)\]]+$/.exec(match)?.[0] ?? '';
    return redactUrl(match.slice(0, match.length - trail.length)) + trail;
  });
}

/** Scrubs URL credentials from strings a few levels deep (error messages quote URLs). */
function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.includes('://') ? redactText(value) : value;
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth - 1);
  return out;
}

/**
 * The process logger: pino JSON lines (pretty only when asked), with every secret-bearing field
 * censored and URL passwords scrubbed from messages and errors.
 */
export function createLogger(options: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const stream = options.pretty
    ? pinoPretty({ destination: destination ?? 1, sync: true })
    : destination;
  return pino(
    {
      level: options.level ?? 'info',
      timestamp: stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      serializers: {
        err: (err: Error) =>
          scrub(stdSerializers.err(err), 4) as ReturnType<typeof stdSerializers.err>,
      },
      formatters: { log: (obj) => scrub(obj, 6) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as typeof args;
          method.apply(this, clean);
        },
      },
    },
    stream as DestinationStream,
  );
}

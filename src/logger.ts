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
  'headers.authorization',
  'headers.cookie',
  'headers["x-sanctionwatch-signature"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-sanctionwatch-signature"]',
];

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi;

/** Replaces the password of every `scheme://user:password@` in free text with `***`. */
export function redactText(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1***@');
}

/** The URL with its password replaced by `***`: `redis://:***@redis:6379`. Safe to log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return redactText(url);
  }
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

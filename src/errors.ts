/**
 * The error catalogue. Code branches on `code`, never on message text.
 * Every error raised on purpose by sanctionwatch is a {@link SwError}.
 */
export const ErrorCodes = {
  CONFIG_INVALID: 'CONFIG_INVALID',
  CONFIG_UNREADABLE: 'CONFIG_UNREADABLE',
  USAGE: 'USAGE',
  INPUT_UNREADABLE: 'INPUT_UNREADABLE',
  REDIS_UNREACHABLE: 'REDIS_UNREACHABLE',
  /** Redis answered but refused the credentials (wrong or missing password, unknown user). */
  REDIS_AUTH: 'REDIS_AUTH',
  FEED_TIMEOUT: 'FEED_TIMEOUT',
  FEED_TOO_LARGE: 'FEED_TOO_LARGE',
  FEED_HTTP: 'FEED_HTTP',
  FEED_GONE: 'FEED_GONE',
  FEED_NETWORK: 'FEED_NETWORK',
  FEED_REDIRECTS: 'FEED_REDIRECTS',
  FEED_PARSE: 'FEED_PARSE',
  FEED_HOSTILE: 'FEED_HOSTILE',
  FEED_NOT_FOUND: 'FEED_NOT_FOUND',
  /** The fetch policy refused the address a feed request would connect to (SSRF guard). */
  FEED_BLOCKED_ADDRESS: 'FEED_BLOCKED_ADDRESS',
  /** A retried poll found the feed's lock still held; retried once it lapses. */
  FEED_LOCKED: 'FEED_LOCKED',
  WATCHLIST_INVALID: 'WATCHLIST_INVALID',
  LIST_IMPORT: 'LIST_IMPORT',
  DELIVERY_TRANSIENT: 'DELIVERY_TRANSIENT',
  DELIVERY_PERMANENT: 'DELIVERY_PERMANENT',
  /** The log channel could not append a whole line (disk full, file size limit); retried. */
  LOG_WRITE_FAILED: 'LOG_WRITE_FAILED',
  SHUTDOWN_TIMEOUT: 'SHUTDOWN_TIMEOUT',
  /** Work abandoned because the daemon is stopping (its job goes back to the queue). */
  STOPPED: 'STOPPED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface SwErrorOptions {
  cause?: unknown;
  /** Extra structured context for logs (never secrets). */
  details?: Record<string, unknown>;
  /** For delivery and feed errors: wait at least this long before retrying. */
  retryAfterMs?: number;
}

export class SwError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options: SwErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwError';
    this.code = code;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isSwError(err: unknown, code?: ErrorCode): err is SwError {
  return err instanceof SwError && (code === undefined || err.code === code);
}

/** One line for a human: the message, without a stack. */
export function errorLine(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n').join(' ');
  return String(err);
}

import { request } from 'undici';
import type { Clock } from '../../clock.js';
import { parseRetryAfter } from '../../net/http.js';
import { MAX_BACKOFF_MS } from '../../queues/registry.js';
import { permanent, transient } from '../channels/errors.js';

/** One HTTP request to a chat service. */
export interface ChatRequest {
  method: 'POST' | 'PUT';
  /** Holds secrets (webhook path, bot token): never logged, never in an error. */
  url: string;
  headers?: Record<string, string>;
  body: unknown;
}

export interface ChatSendContext {
  /** Channel name and type, for messages. */
  channel: string;
  type: string;
  /** Where the request goes, without secrets (`https://hooks.slack.com`). */
  where: string;
  timeoutMs: number;
  userAgent: string;
  clock: Clock;
  /** Strings that must never appear in an error (tokens), cut from the service's answer. */
  secrets: readonly string[];
}

/** The wait a service asked for in its JSON answer to a 429, in ms. */
export function retryAfterFromBody(json: unknown): number | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as {
    retry_after?: unknown;
    retry_after_ms?: unknown;
    parameters?: { retry_after?: unknown };
  };
  // Discord: seconds, fractional; Telegram: parameters.retry_after, seconds; Matrix: ms.
  if (typeof o.retry_after === 'number') return Math.ceil(o.retry_after * 1000);
  if (typeof o.parameters?.retry_after === 'number') return o.parameters.retry_after * 1000;
  if (typeof o.retry_after_ms === 'number') return o.retry_after_ms;
  return undefined;
}

/** The service's own words on a refusal (Telegram `description`, Discord/Slack `message`, Matrix `error`). */
function describe(raw: string, json: unknown, secrets: readonly string[]): string {
  let text = '';
  if (json && typeof json === 'object') {
    const o = json as { description?: unknown; message?: unknown; error?: unknown };
    const said = o.description ?? o.message ?? o.error;
    if (typeof said === 'string') text = said;
  } else if (raw.length <= 200 && !/[<{]/.test(raw)) {
    text = raw;
  }
  for (const s of secrets) if (s) text = text.split(s).join('…');
  // eslint-disable-next-line no-control-regex -- keep the error one line
  return text.replace(/[\u0000-\u001f]+/g, ' ').slice(0, 200);
}

const ANSWER_MAX = 64 * 1024;

/**
 * Sends one request: 2xx delivered; 429 and 5xx transient with the wait the service asked for
 * (its JSON first, then `Retry-After`), network errors and timeouts transient; any other status
 * permanent.
 */
export async function sendChat(req: ChatRequest, ctx: ChatSendContext): Promise<void> {
  const label = `${ctx.type} ${ctx.channel}`;
  let status: number;
  let raw = '';
  let retryHeader: string | string[] | undefined;
  try {
    const res = await request(req.url, {
      method: req.method,
      body: JSON.stringify(req.body),
      headers: {
        'content-type': 'application/json',
        'user-agent': ctx.userAgent,
        ...req.headers,
      },
      signal: AbortSignal.timeout(ctx.timeoutMs),
      headersTimeout: ctx.timeoutMs,
      bodyTimeout: ctx.timeoutMs,
    });
    status = res.statusCode;
    retryHeader = res.headers['retry-after'];
    const buf = Buffer.from(await res.body.arrayBuffer());
    raw = buf.subarray(0, ANSWER_MAX).toString('utf8');
  } catch (cause) {
    // The cause can carry the URL (undici puts it in some errors): keep only its code.
    const code = (cause as { code?: unknown })?.code;
    throw transient(`${label}: request to ${ctx.where} failed`, {
      details: { channel: ctx.channel, ...(typeof code === 'string' ? { code } : {}) },
    });
  }
  if (status >= 200 && status < 300) return;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const said = describe(raw, json, ctx.secrets);
  const message = `${label}: ${ctx.where} answered ${status}${said ? ` (${said})` : ''}`;
  const details = { channel: ctx.channel, status };
  if (status === 429 || status >= 500) {
    const fromBody = retryAfterFromBody(json);
    const retryAfterMs =
      fromBody !== undefined
        ? Math.min(MAX_BACKOFF_MS, Math.max(0, fromBody))
        : parseRetryAfter(retryHeader, ctx.clock.now(), MAX_BACKOFF_MS);
    throw transient(message, { details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  throw permanent(message, { details });
}

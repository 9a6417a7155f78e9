import { createHmac } from 'node:crypto';
import { request } from 'undici';
import type { Clock } from '../../clock.js';
import { systemClock } from '../../clock.js';
import { MAX_BACKOFF_MS } from '../../queues/registry.js';
import { parseRetryAfter, userAgent } from '../../net/http.js';
import type { Alert, Channel } from '../types.js';
import { permanent, transient } from './errors.js';

export interface WebhookChannelOptions {
  name: string;
  url: string;
  /** HMAC-SHA256 key; never logged. */
  secret: string;
  /** Whole-request timeout, ms. @defaultValue 10000 */
  timeoutMs?: number;
  /** @defaultValue `sanctionwatch/<version> (+<project URL>)`, as every request sends */
  userAgent?: string;
  /** Reads the time for `Retry-After` dates. @defaultValue systemClock */
  clock?: Clock;
}

/** `sha256=<hex HMAC-SHA256(body, secret)>`, the value of `X-Sanctionwatch-Signature`. */
export function signBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`. A
 * `whsec_` secret is base64 after its prefix; any other secret is used as its UTF-8 bytes.
 */
export function standardSignature(
  id: string,
  timestamp: number,
  body: string,
  secret: string,
): string {
  const key = secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** POSTs the alert as JSON, signed; 2xx delivered, 5xx/429/network transient, other statuses permanent. */
export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = options.userAgent ?? userAgent();
  const clock = options.clock ?? systemClock;
  const target = new URL(options.url);
  // Never put the URL's credentials or query (often a token) into errors and logs.
  const where = `${target.protocol}//${target.host}${target.pathname}`;

  return {
    name: options.name,
    type: 'webhook',
    async deliver(alert: Alert): Promise<void> {
      const body = JSON.stringify(alert);
      // Signed with the send time: a captured request stops verifying once it is old.
      const timestamp = Math.floor(clock.now() / 1000);
      let res;
      try {
        res = await request(options.url, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'user-agent': agent,
            'x-sanctionwatch-alert-id': alert.id,
            'x-sanctionwatch-signature': signBody(body, options.secret),
            'webhook-id': alert.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': standardSignature(alert.id, timestamp, body, options.secret),
          },
          signal: AbortSignal.timeout(timeoutMs),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        // The receiver's answer is not needed; drain a bounded amount so the socket is reused.
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      } catch (cause) {
        throw transient(`webhook ${options.name}: request to ${where} failed`, {
          cause,
          details: { channel: options.name },
        });
      }
      const status = res.statusCode;
      if (status >= 200 && status < 300) return;
      const details = { channel: options.name, status };
      if (status >= 500 || status === 429) {
        const retryAfterMs = parseRetryAfter(
          res.headers['retry-after'],
          clock.now(),
          MAX_BACKOFF_MS,
        );
        throw transient(`webhook ${options.name}: ${where} answered ${status}`, {
          details,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
      }
      throw permanent(`webhook ${options.name}: ${where} answered ${status}`, { details });
    },
  };
}

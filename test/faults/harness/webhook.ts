import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver answered. */
export interface WebhookDelivery {
  alertId: string;
  /** Epoch ms the body was fully received. */
  at: number;
  status: number;
  signatureValid: boolean;
}

/** Options of {@link webhookReceiver}. */
export interface WebhookReceiverOptions {
  /** HMAC secret the channel signs with. @defaultValue `fault-hook-secret` */
  secret?: string;
  /** Listen on this port (restarts keep it). @defaultValue a free port */
  port?: number;
}

/** A webhook endpoint that verifies signatures and counts deliveries per alert id. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook?token=…`. */
  readonly url: string;
  readonly port: number;
  readonly secret: string;
  /** Every request answered, in order. */
  readonly log: readonly WebhookDelivery[];
  /** Accepted (2xx, valid signature) deliveries per alert id. */
  counts(): Map<string, number>;
  /** Requests with a bad signature (answered 401). */
  readonly invalid: number;
  /** Answers `status` (default 503) to every request for `ms`, then accepts again. */
  failFor(ms: number, status?: number): void;
  /** Answers `status` until {@link accept} (or forever). */
  fail(status?: number): void;
  accept(): void;
  /**
   * Holds every answer for `ms` (0 turns it off), like an endpoint that hangs; the delivery is
   * logged on arrival, so a sender that gives up meanwhile shows up as a repeat later.
   */
  delay(ms: number): void;
  /** Closes the listener and every open connection, like a crashed endpoint. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  readonly running: boolean;
  close(): Promise<void>;
}

/** Starts a receiver that checks `X-Sanctionwatch-Signature` the way docs/alerts.md says. */
export async function webhookReceiver(
  options: WebhookReceiverOptions = {},
): Promise<WebhookReceiver> {
  const secret = options.secret ?? 'fault-hook-secret';
  const log: WebhookDelivery[] = [];
  let invalid = 0;
  let failStatus: number | undefined;
  let failUntil = 0;
  let server: Server | undefined;
  let port = options.port ?? 0;
  let delayMs = 0;

  const handler = (
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(
        `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
      );
      const given = Buffer.from(String(req.headers['x-sanctionwatch-signature'] ?? ''));
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      const alertId = String(req.headers['x-sanctionwatch-alert-id'] ?? '');
      let status = 204;
      if (!signatureValid) {
        invalid++;
        status = 401;
      } else if (failStatus !== undefined && Date.now() < failUntil) status = failStatus;
      log.push({ alertId, at: Date.now(), status, signatureValid });
      if (delayMs > 0) setTimeout(() => res.writeHead(status).end(), delayMs);
      else res.writeHead(status).end();
    });
  };

  async function start(): Promise<void> {
    if (server) return;
    const s = createServer(handler);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  }
  async function stop(): Promise<void> {
    const s = server;
    if (!s) return;
    server = undefined;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await start();
  return {
    url: `http://127.0.0.1:${port}/hook?token=fault-t0ken`,
    port,
    secret,
    log,
    get invalid() {
      return invalid;
    },
    counts() {
      const out = new Map<string, number>();
      for (const d of log)
        if (d.status >= 200 && d.status < 300) out.set(d.alertId, (out.get(d.alertId) ?? 0) + 1);
      return out;
    },
    failFor(ms, status = 503) {
      failStatus = status;
      failUntil = Date.now() + ms;
    },
    fail(status = 503) {
      failStatus = status;
      failUntil = Infinity;
    },
    accept() {
      failStatus = undefined;
      failUntil = 0;
    },
    delay(ms) {
      delayMs = ms;
    },
    stop,
    start,
    get running() {
      return server !== undefined;
    },
    close: stop,
  };
}

import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { renderAlert, renderDigest, type RenderedMessage } from '../email/index.js';
import { oneLine } from '../render.js';
import type { Alert, Channel } from '../types.js';
import { permanent, transient } from './errors.js';

export interface EmailChannelOptions {
  name: string;
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  smtp: string;
  /** From the config only, never from an item. */
  from: string;
  to: readonly string[];
  /** Pooled connections. @defaultValue 2 */
  maxConnections?: number;
  /** Connect, greeting and socket timeouts, ms. @defaultValue 30000 */
  timeoutMs?: number;
  /**
   * `http.publicUrl`: each alert in an e-mail links to its dashboard page `<publicUrl>/alerts/<id>`.
   * @defaultValue no alert-page link
   */
  publicUrl?: string;
}

/** An e-mail channel; also sends digests. */
export interface EmailChannel extends Channel {
  readonly type: 'email';
  /** Sends one e-mail gathering several alerts. */
  deliverDigest(alerts: readonly Alert[]): Promise<void>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

// Connection-level failures that a later attempt can get past.
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPROTOCOL',
  'ESTREAM',
]);

/** Transport options from the SMTP URL. Credentials go to nodemailer only, never to logs. */
export function smtpTransportOptions(
  smtpUrl: string,
  maxConnections = 2,
  timeoutMs = 30_000,
): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  return {
    pool: true,
    maxConnections,
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass } } : {}),
    // STARTTLS is used whenever the server offers it. A password is never sent in clear to a
    // remote host: there STARTTLS is required. Certificates are always verified.
    requireTLS: !secure && user !== '' && !LOOPBACK.has(url.hostname),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
}

/** Where an SMTP URL points, without credentials. */
export function smtpWhere(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

/** SMTP 4xx replies and connection errors are transient; 5xx replies and the rest permanent. */
export function classifySmtpError(err: unknown, channel: string, where: string): Error {
  const e = err as { responseCode?: unknown; code?: unknown };
  const responseCode = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const details = {
    channel,
    ...(responseCode !== undefined ? { responseCode } : {}),
    ...(code ? { smtpCode: code } : {}),
  };
  const message = `email ${channel}: ${where} ${responseCode !== undefined ? `answered ${responseCode}` : `failed (${code ?? 'error'})`}`;
  if (responseCode !== undefined) {
    return responseCode >= 400 && responseCode < 500
      ? transient(message, { cause: err, details })
      : permanent(message, { cause: err, details });
  }
  if (code && TRANSIENT_CODES.has(code)) return transient(message, { cause: err, details });
  if (
    code === 'EAUTH' ||
    code === 'EENVELOPE' ||
    code === 'EMESSAGE' ||
    code === 'ENOAUTH' ||
    code === 'ETLS'
  ) {
    return permanent(message, { cause: err, details });
  }
  return transient(message, { cause: err, details });
}

/** Sends alerts through a pooled nodemailer SMTP transport. */
export function createEmailChannel(options: EmailChannelOptions): EmailChannel {
  const transport = nodemailer.createTransport(
    smtpTransportOptions(options.smtp, options.maxConnections, options.timeoutMs),
  );
  const where = smtpWhere(options.smtp);
  const to = [...options.to];
  const render = options.publicUrl ? { publicUrl: options.publicUrl } : {};

  async function send(
    message: RenderedMessage,
    headers: Record<string, string>,
    messageId?: string,
  ): Promise<void> {
    try {
      await transport.sendMail({
        from: options.from,
        to,
        // The envelope is set explicitly: recipients come from the config and nothing else.
        envelope: { from: options.from, to },
        subject: oneLine(message.subject),
        text: message.text,
        html: message.html,
        headers,
        ...(messageId ? { messageId } : {}),
      });
    } catch (err) {
      throw classifySmtpError(err, options.name, where);
    }
  }

  return {
    name: options.name,
    type: 'email',
    async deliver(alert: Alert): Promise<void> {
      // A stable Message-ID lets mail clients fold a duplicate sent after a crash.
      await send(
        renderAlert(alert, render),
        { 'X-Sanctionwatch-Alert-Id': alert.id },
        `<${alert.id}.${options.name}@sanctionwatch.invalid>`,
      );
    },
    async deliverDigest(alerts: readonly Alert[]): Promise<void> {
      if (alerts.length === 0) return;
      await send(renderDigest(alerts, render), {
        'X-Sanctionwatch-Alert-Ids': alerts.map((a) => a.id).join(' '),
      });
    },
    close(): Promise<void> {
      transport.close();
      return Promise.resolve();
    },
  };
}

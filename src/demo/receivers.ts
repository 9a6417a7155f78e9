import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { signBody } from '../alerts/channels/webhook.js';
import type { Alert } from '../alerts/types.js';
import { plainText, splitPart } from './mime.js';

/** What the demo prints of an alert, from whichever channel brought it first. */
export interface ReceivedAlert {
  id: string;
  categories: string[];
  score: number;
  title: string;
  feed: string;
}

export type AlertSink = (alert: ReceivedAlert, via: 'webhook' | 'email') => void;

export interface Receiver {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function signatureValid(body: Buffer, header: string | string[] | undefined, secret: string) {
  if (typeof header !== 'string') return false;
  const want = Buffer.from(signBody(body, secret));
  const got = Buffer.from(header);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * The webhook channel's peer: accepts POST /hook only with a valid `X-Sanctionwatch-Signature`
 * (401 otherwise, and `onRejected` is told), as a real SIEM endpoint should.
 */
export async function startWebhookReceiver(
  secret: string,
  sink: AlertSink,
  onRejected: (reason: string) => void,
): Promise<Receiver> {
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/hook') {
      res.writeHead(404).end();
      return;
    }
    void readBody(req).then(
      (body) => {
        if (body === undefined) {
          res.writeHead(413).end();
          return;
        }
        if (!signatureValid(body, req.headers['x-sanctionwatch-signature'], secret)) {
          onRejected('webhook request with a missing or wrong signature refused');
          res.writeHead(401).end();
          return;
        }
        let alert: Alert;
        try {
          alert = JSON.parse(body.toString('utf8')) as Alert;
        } catch {
          res.writeHead(400).end();
          return;
        }
        res.writeHead(204).end();
        sink(
          {
            id: alert.id,
            categories: alert.categories,
            score: alert.score,
            title: alert.item.title,
            feed: alert.item.feed,
          },
          'webhook',
        );
      },
      () => res.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads the alert back from the e-mail's text part (the layout of `renderText`). */
export function alertFromMail(raw: string): ReceivedAlert | undefined {
  const message = splitPart(raw);
  const text = plainText(message);
  const id = message.headers.get('x-sanctionwatch-alert-id');
  if (text === undefined || !id) return undefined;
  const lines = text.split(/\r?\n/);
  const field = (name: string) =>
    lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
  return {
    id,
    title: lines[0] ?? '',
    categories: (field('Categories') ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    score: Number(field('Score') ?? 0),
    feed: field('Feed') ?? '',
  };
}

/** An SMTP catcher on 127.0.0.1 (no TLS, no auth), standing in for the desk's mail server. */
export async function startSmtpCatcher(sink: AlertSink): Promise<Receiver> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // The e-mail channel's pooled connections are closed before this server: a short wait is enough.
    closeTimeout: 1000,
    size: MAX_BODY,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const alert = alertFromMail(Buffer.concat(chunks).toString('utf8'));
        cb();
        if (alert) sink(alert, 'email');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  signatureValid: boolean;
}

/** A webhook receiver that checks the signature the way docs/alerts.md tells receivers to. */
export async function startReceiver(
  secret: string,
  statuses: Array<number | [number, Record<string, string>]>,
  fallback = 204,
) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(
        `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
      );
      const given = Buffer.from(String(req.headers['x-sanctionwatch-signature'] ?? ''));
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      received.push({ headers: req.headers, raw: raw.toString('utf8'), signatureValid });
      const next = statuses.shift() ?? fallback;
      const [status, headers] = Array.isArray(next) ? next : [next, {}];
      res.writeHead(signatureValid ? status : 401, headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook?token=t0ken`,
    received,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedMail {
  from: string;
  rcptTo: string[];
  raw: string;
  user?: string;
}

/**
 * An SMTP server requiring AUTH (user/pass). `rejectFirst` answers that many transactions with
 * 421 before accepting. STARTTLS is off so no certificate is involved.
 */
export async function startSmtp(opts: {
  user: string;
  pass: string;
  rejectFirst?: number;
  permanentFirst?: number;
}) {
  const mails: ReceivedMail[] = [];
  let rejects = opts.rejectFirst ?? 0;
  let permanents = opts.permanentFirst ?? 0;
  const options: SMTPServerOptions = {
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.pass)
        cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onMailFrom(_address, _session, cb) {
      if (rejects > 0) {
        rejects -= 1;
        const err = new Error('Try again later') as Error & { responseCode: number };
        err.responseCode = 421;
        return cb(err);
      }
      if (permanents > 0) {
        permanents -= 1;
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.pass)}@127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

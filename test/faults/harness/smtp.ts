import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the catcher accepted. */
export interface CaughtMail {
  /** `X-Sanctionwatch-Alert-Id`, or '' for a digest. */
  alertId: string;
  messageId: string;
  /** Epoch ms the message was accepted. */
  at: number;
  raw: string;
}

/** Options of {@link smtpCatcher}. */
export interface SmtpCatcherOptions {
  /** AUTH user. @defaultValue `desk` */
  user?: string;
  /** AUTH password. @defaultValue `fault-mail-secret` */
  pass?: string;
}

/** An in-process SMTP server (AUTH required, no TLS) counting messages per alert id. */
export interface SmtpCatcher {
  /** `smtp://user:pass@127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly mails: readonly CaughtMail[];
  /** Accepted messages per alert id. */
  counts(): Map<string, number>;
  /** Transactions refused with 421 so far. */
  readonly refused: number;
  /** Answers MAIL FROM with `421 Try again later` for `ms`. */
  refuseFor(ms: number): void;
  /** Refuses until {@link accept}. */
  refuse(): void;
  accept(): void;
  close(): Promise<void>;
}

/** Starts the catcher on a free port. */
export async function smtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const user = options.user ?? 'desk';
  const pass = options.pass ?? 'fault-mail-secret';
  const mails: CaughtMail[] = [];
  let refuseUntil = 0;
  let refused = 0;
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) cb(null, { user });
      else cb(new Error('Invalid username or password'));
    },
    onMailFrom(_address, _session, cb) {
      if (Date.now() < refuseUntil) {
        refused++;
        const err = new Error('Try again later') as Error & { responseCode: number };
        err.responseCode = 421;
        cb(err);
        return;
      }
      cb();
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split(/\r?\n\r?\n/, 1)[0];
        mails.push({
          alertId: /^X-Sanctionwatch-Alert-Id:\s*(\S+)/im.exec(head)?.[1] ?? '',
          messageId: /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '',
          at: Date.now(),
          raw,
        });
        cb();
      });
    },
  });
  // A client killed mid-session resets its socket; that is the fault under test, not an error.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
    port,
    mails,
    get refused() {
      return refused;
    },
    counts() {
      const out = new Map<string, number>();
      for (const m of mails) if (m.alertId) out.set(m.alertId, (out.get(m.alertId) ?? 0) + 1);
      return out;
    },
    refuseFor(ms) {
      refuseUntil = Date.now() + ms;
    },
    refuse() {
      refuseUntil = Infinity;
    },
    accept() {
      refuseUntil = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

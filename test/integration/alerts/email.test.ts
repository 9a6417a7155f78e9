import { afterEach, describe, expect, it } from 'vitest';
import { createEmailChannel } from '../../../src/alerts/channels/email.js';
import { MARK } from '../../../src/alerts/email/index.js';
import { SwError } from '../../../src/errors.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';
import { startSmtp } from './peers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function attempt(fn: () => Promise<void>): Promise<string> {
  try {
    await fn();
    return 'delivered';
  } catch (err) {
    expect(err).toBeInstanceOf(SwError);
    return (err as SwError).code;
  }
}

/** Unfolds header continuation lines, as a mail reader does. */
function headers(raw: string): string {
  return raw.split(/\r\n\r\n/)[0].replace(/\r\n[ \t]+/g, ' ');
}

describe('email channel', () => {
  it('authenticates, retries after a 421 and then delivers text and HTML', async () => {
    const smtp = await startSmtp({ user: 'desk', pass: 'p@ss word', rejectFirst: 1 });
    closers.push(smtp.close);
    const channel = createEmailChannel({
      name: 'desk',
      smtp: smtp.url,
      from: 'sanctionwatch@example.org',
      to: ['analyst@example.org'],
    });
    closers.push(() => channel.close());
    const alert = sampleAlert();
    expect(await attempt(() => channel.deliver(alert))).toBe('DELIVERY_TRANSIENT');
    expect(await attempt(() => channel.deliver(alert))).toBe('delivered');
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.user).toBe('desk');
    expect(mail.rcptTo).toEqual(['analyst@example.org']);
    const head = headers(mail.raw);
    expect(head).toContain(
      'Subject: [sanctionwatch] arms_transfer, un_violation: North Korea parades ICBMs',
    );
    expect(head).toMatch(new RegExp(`^X-Sanctionwatch-Alert-Id: ${alert.id}$`, 'im'));
    expect(mail.raw).toContain('Content-Type: text/plain');
    expect(mail.raw).toContain('Content-Type: text/html');
  });

  it('fails permanently on a 5xx reply and on bad credentials', async () => {
    const smtp = await startSmtp({ user: 'desk', pass: 'right', permanentFirst: 1 });
    closers.push(smtp.close);
    const channel = createEmailChannel({
      name: 'desk',
      smtp: smtp.url,
      from: 'sw@example.org',
      to: ['a@example.org'],
    });
    closers.push(() => channel.close());
    expect(await attempt(() => channel.deliver(sampleAlert()))).toBe('DELIVERY_PERMANENT');
    const wrong = createEmailChannel({
      name: 'desk',
      smtp: `smtp://desk:wrong@127.0.0.1:${smtp.port}`,
      from: 'sw@example.org',
      to: ['a@example.org'],
    });
    closers.push(() => wrong.close());
    const err = (await wrong.deliver(sampleAlert()).catch((e: unknown) => e)) as SwError;
    expect(err.code).toBe('DELIVERY_PERMANENT');
    expect(err.message).not.toContain('wrong');
    expect(smtp.mails).toHaveLength(0);
  });

  it('sends a hostile item to the configured recipients only, one-line subject, escaped HTML', async () => {
    const smtp = await startSmtp({ user: 'desk', pass: 'pw' });
    closers.push(smtp.close);
    const channel = createEmailChannel({
      name: 'desk',
      smtp: smtp.url,
      from: 'sw@example.org',
      to: ['analyst@example.org', 'lead@example.org'],
    });
    closers.push(() => channel.close());
    const title =
      '<script>alert("x")</script> Arms deal\r\nBcc: someone@evil.example\r\n\r\n<b>body</b>';
    const alert = sampleAlert({
      item: { key: 'k', title, link: 'https://news.example/x', feed: 'f\r\nX-Evil: 1' },
      evidence: ['<script>steal()</script> North Korea shipped arms.'],
    });
    await channel.deliver(alert);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.rcptTo.sort()).toEqual(['analyst@example.org', 'lead@example.org']);
    expect(mail.raw).not.toMatch(/^Bcc:/im);
    expect(mail.raw).not.toMatch(/^X-Evil:/im);
    expect(mail.raw).not.toContain('evil.example>');
    const head = headers(mail.raw);
    const subjectLines = head.split('\r\n').filter((l) => l.startsWith('Subject:'));
    expect(subjectLines.map(decodeWords)).toEqual([
      'Subject: [sanctionwatch] arms_transfer, un_violation: <script>alert("x")</script> Arms deal Bcc: someone@evil.example <b>body</b>',
    ]);
    const htmlPart = mail.raw.slice(mail.raw.indexOf('Content-Type: text/html'));
    const html = decodeQuotedPrintable(htmlPart.slice(htmlPart.indexOf('\r\n\r\n') + 4));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>body');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain(`${MARK}North Korea</mark>`);
    expect(html).toContain('&#60;script&#62;steal()&#60;/script&#62;');
  });
});

/** Decodes RFC 2047 encoded words (what a mail reader shows). */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

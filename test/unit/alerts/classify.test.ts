import { describe, expect, it } from 'vitest';
import { classifySmtpError, smtpTransportOptions } from '../../../src/alerts/channels/email.js';
import { parseRetryAfter } from '../../../src/net/http.js';
import { isSwError } from '../../../src/errors.js';
import { MAX_BACKOFF_MS } from '../../../src/queues/registry.js';

describe('delivery error classes', () => {
  it('reads Retry-After as seconds or a date, capped', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:30 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999', now, MAX_BACKOFF_MS)).toBe(MAX_BACKOFF_MS);
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('maps SMTP 4xx and connection errors to transient, 5xx and auth to permanent', () => {
    expect(
      isSwError(
        classifySmtpError({ responseCode: 421, code: 'EENVELOPE' }, 'd', 'smtp://h'),
        'DELIVERY_TRANSIENT',
      ),
    ).toBe(true);
    expect(
      isSwError(classifySmtpError({ responseCode: 550 }, 'd', 'smtp://h'), 'DELIVERY_PERMANENT'),
    ).toBe(true);
    expect(
      isSwError(classifySmtpError({ code: 'ECONNECTION' }, 'd', 'smtp://h'), 'DELIVERY_TRANSIENT'),
    ).toBe(true);
    expect(
      isSwError(classifySmtpError({ code: 'EAUTH' }, 'd', 'smtp://h'), 'DELIVERY_PERMANENT'),
    ).toBe(true);
  });

  it('requires STARTTLS before sending a password to a remote host', () => {
    expect(smtpTransportOptions('smtp://u:p%40ss@mail.example:2525')).toMatchObject({
      host: 'mail.example',
      port: 2525,
      secure: false,
      requireTLS: true,
      auth: { user: 'u', pass: 'p@ss' },
      pool: true,
    });
    expect(smtpTransportOptions('smtp://u:p@127.0.0.1')).toMatchObject({
      port: 587,
      requireTLS: false,
    });
    expect(smtpTransportOptions('smtps://u:p@mail.example')).toMatchObject({
      port: 465,
      secure: true,
      requireTLS: false,
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookChannel } from '../../../src/alerts/channels/webhook.js';
import { SwError } from '../../../src/errors.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';
import { startReceiver } from './peers.js';

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

describe('webhook channel', () => {
  it('signs the raw body; 503 twice then 204 is transient, transient, delivered', async () => {
    const rx = await startReceiver('s3cret', [503, [503, { 'retry-after': '3' }]]);
    closers.push(rx.close);
    const channel = createWebhookChannel({
      name: 'siem',
      url: rx.url,
      secret: 's3cret',
      timeoutMs: 5000,
    });
    const alert = sampleAlert();
    const outcomes: string[] = [];
    let retryAfter: number | undefined;
    for (let i = 0; i < 3; i++) {
      outcomes.push(
        await attempt(() =>
          channel.deliver(alert).catch((err: SwError) => {
            if (i === 1) retryAfter = err.retryAfterMs;
            throw err;
          }),
        ),
      );
    }
    expect(outcomes).toEqual(['DELIVERY_TRANSIENT', 'DELIVERY_TRANSIENT', 'delivered']);
    expect(retryAfter).toBe(3000);
    expect(rx.received).toHaveLength(3);
    for (const r of rx.received) {
      expect(r.signatureValid).toBe(true);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-sanctionwatch-alert-id']).toBe(alert.id);
      expect(r.headers['user-agent']).toMatch(/^sanctionwatch\//);
      expect(JSON.parse(r.raw)).toEqual(alert);
    }
  });

  it('fails permanently on 400 and on a bad signature (401), transiently on 429 and a dead port', async () => {
    const rx = await startReceiver('s3cret', [400, 429]);
    closers.push(rx.close);
    const good = createWebhookChannel({ name: 'siem', url: rx.url, secret: 's3cret' });
    expect(await attempt(() => good.deliver(sampleAlert()))).toBe('DELIVERY_PERMANENT');
    expect(await attempt(() => good.deliver(sampleAlert()))).toBe('DELIVERY_TRANSIENT');
    const forged = createWebhookChannel({ name: 'siem', url: rx.url, secret: 'wrong' });
    expect(await attempt(() => forged.deliver(sampleAlert()))).toBe('DELIVERY_PERMANENT');
    const dead = createWebhookChannel({
      name: 'siem',
      url: 'http://127.0.0.1:9/x',
      secret: 's',
      timeoutMs: 2000,
    });
    expect(await attempt(() => dead.deliver(sampleAlert()))).toBe('DELIVERY_TRANSIENT');
  });

  it('keeps the URL token out of error messages', async () => {
    const rx = await startReceiver('s3cret', [500]);
    closers.push(rx.close);
    const channel = createWebhookChannel({ name: 'siem', url: rx.url, secret: 's3cret' });
    const err = (await channel.deliver(sampleAlert()).catch((e: unknown) => e)) as SwError;
    expect(err.code).toBe('DELIVERY_TRANSIENT');
    expect(err.message).not.toContain('t0ken');
    expect(err.message).not.toContain('s3cret');
  });
});

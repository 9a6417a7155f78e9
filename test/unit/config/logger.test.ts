import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl, type LoggerOptions } from '../../../src/logger.js';

function capture(options: LoggerOptions = {}) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger(options, stream), output: () => chunks.join('') };
}

const SECRETS = ['hunter2-smtp', 'whsec-9f8e7d', 'redis-pw-42', 'dash-pw-7', 'Basic b3BzOnB3'];

function logEverything(logger: ReturnType<typeof createLogger>): void {
  logger.info({ smtp: 'smtp://desk:hunter2-smtp@mail.example:587' }, 'channel');
  logger.info(
    { channel: { name: 'siem', type: 'webhook', secret: 'whsec-9f8e7d' } },
    'channel ready',
  );
  logger.info({ redis: { url: 'redis://:redis-pw-42@redis:6379' } }, 'connecting');
  logger.info(
    {
      config: {
        http: { auth: { user: 'ops', password: 'dash-pw-7' } },
        channels: [{ smtp: 'smtp://u:hunter2-smtp@h' }],
      },
    },
    'config',
  );
  logger.info({ req: { headers: { authorization: 'Basic b3BzOnB3' } } }, 'request');
  logger.warn('cannot reach redis://:redis-pw-42@redis:6379 yet');
  logger.error(
    { err: new Error('connect ECONNREFUSED smtp://desk:hunter2-smtp@mail.example:587') },
    'delivery failed',
  );
  logger.info({ target: 'smtps://desk:hunter2-smtp@mail.example' }, 'other field with a URL');
}

describe('createLogger', () => {
  it('never writes a secret in JSON output, and keeps the rest', () => {
    const { logger, output } = capture();
    logEverything(logger);
    const text = output();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatchObject({
      channel: { name: 'siem', type: 'webhook' },
      msg: 'channel ready',
    });
    expect(lines[5].msg).toBe('cannot reach redis://:***@redis:6379 yet');
    expect(text).toContain('mail.example');
  });

  it('never writes a secret in pretty output', () => {
    const { logger, output } = capture({ pretty: true });
    logEverything(logger);
    const text = output();
    expect(text).toContain('channel ready');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('honours the level', () => {
    const { logger, output } = capture({ level: 'warn' });
    logger.info('quiet');
    logger.warn('loud');
    expect(output()).not.toContain('quiet');
    expect(output()).toContain('loud');
  });
});

describe('redactUrl', () => {
  it('replaces the password and leaves URLs without one alone', () => {
    expect(redactUrl('redis://:s3cret@redis:6379')).toBe('redis://:***@redis:6379');
    expect(redactUrl('smtp://desk:p%40ss@mail.example:587')).toBe(
      'smtp://desk:***@mail.example:587',
    );
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactUrl('https://user@example.org/x')).toBe('https://user@example.org/x');
  });
});

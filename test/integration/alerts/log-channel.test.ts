import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogChannel } from '../../../src/alerts/channels/log.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';

// The log channel keeps its file open between alerts; these pin that every line still lands,
// whole, that a rotated file is followed, and that close() closes it.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sw-logch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { id: string }).id);

describe('log channel', () => {
  it('appends one whole line per alert, concurrent ones included, readable before close', async () => {
    const file = path.join(dir, 'sub', 'alerts.jsonl');
    const channel = createLogChannel({ name: 'log', file, logger: pino({ level: 'silent' }) });
    const alerts = Array.from({ length: 50 }, (_, i) => ({ ...sampleAlert(), id: `a_${i}` }));
    await Promise.all(alerts.map((a) => channel.deliver(a)));
    expect((await lines(file)).sort()).toEqual(alerts.map((a) => a.id).sort());
    await channel.close?.();
    await channel.deliver({ ...sampleAlert(), id: 'after-close' });
    expect(await lines(file)).toContain('after-close');
    await channel.close?.();
  });

  it('follows a rotated file: lines after the rotation go to the new file', async () => {
    const file = path.join(dir, 'alerts.jsonl');
    const channel = createLogChannel({ name: 'log', file, logger: pino({ level: 'silent' }) });
    try {
      await channel.deliver({ ...sampleAlert(), id: 'before' });
      await rename(file, `${file}.1`);
      await new Promise((r) => setTimeout(r, 1100)); // past the rotation check interval
      await channel.deliver({ ...sampleAlert(), id: 'after' });
      expect(await lines(`${file}.1`)).toEqual(['before']);
      expect(await lines(file)).toEqual(['after']);
    } finally {
      await channel.close?.();
    }
  });
});

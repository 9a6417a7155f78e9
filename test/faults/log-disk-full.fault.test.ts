import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultJobOptions } from '../../src/queues/registry.js';
import { sampleAlert } from '../unit/alerts/fixtures.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../helpers/redis.js';

// The disk fills during a burst: a notifier whose files may not grow past 256 KiB (`ulimit -f`,
// so a write stops short and then fails with EFBIG, as on a full disk) appends 300 alerts of
// ~1.4 KiB. Then the file is rotated away (space again) and the retries finish the burst. Every
// line of both files must parse, and each alert appear exactly once.

const LIMIT_KIB = 256;
// ~1.4 KiB a line: the first file fills after ~180, the rest fit in the second.
const ALERTS = 300;
const prefix = randomPrefix('logfull');
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
let child: ChildProcess | undefined;
let dir = '';

afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  child?.kill('SIGKILL');
  await deletePrefix(prefix);
  await connection.quit();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function waitFor(what: string, ms: number, check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function linesOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}

describe('log channel on a full disk', () => {
  it('writes whole lines only, and every alert exactly once after the retries', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sw-logfull-'));
    const file = path.join(dir, 'alerts.jsonl');
    const script = path.resolve(import.meta.dirname, 'support/log-writer.ts');
    let out = '';
    child = spawn(
      'bash',
      [
        '-c',
        `ulimit -f ${LIMIT_KIB}; exec "$0" --import tsx "$@"`,
        process.execPath,
        script,
        REDIS_URL,
        prefix,
        file,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env } },
    );
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor('the notifier', 30_000, () => out.includes('ready'));

    const queue = new Queue('deliver-log', {
      connection,
      prefix,
      defaultJobOptions: defaultJobOptions['deliver-log'],
    });
    const pad = 'x'.repeat(800);
    const ids = Array.from({ length: ALERTS }, (_, i) => `a_${String(i).padStart(24, '0')}`);
    await queue.addBulk(
      ids.map((id) => ({
        name: 'deliver',
        data: {
          channel: 'log',
          alert: sampleAlert({ id, item: { ...sampleAlert().item, title: pad } }),
        },
        opts: { jobId: `log-${id}` },
      })),
    );
    await waitFor('a failed write', 60_000, () => out.includes('LOG_WRITE_FAILED'));
    const full = await stat(file);
    expect(full.size).toBeLessThanOrEqual(LIMIT_KIB * 1024);
    // Space again: the channel notices the rotation and starts a new file.
    await rename(file, `${file}.1`);
    await waitFor('every delivery', 60_000, async () => {
      const c = await queue.getJobCounts('completed', 'failed');
      return c.completed + c.failed >= ALERTS;
    });
    const counts = await queue.getJobCounts('completed', 'failed');
    await queue.close();

    const lines = [...(await linesOf(`${file}.1`)), ...(await linesOf(file))];
    const seen = new Map<string, number>();
    for (const line of lines) {
      const alert = JSON.parse(line) as { id: string };
      seen.set(alert.id, (seen.get(alert.id) ?? 0) + 1);
    }
    const failures = out.split('\n').filter((l) => l.includes('LOG_WRITE_FAILED')).length;
    console.log(
      `${ALERTS} alerts, ${lines.length} lines, ${failures} failed writes logged, ` +
        `first file ${full.size} bytes, jobs ${JSON.stringify(counts)}`,
    );
    expect(counts).toEqual({ completed: ALERTS, failed: 0 });
    expect(lines).toHaveLength(ALERTS);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(seen.keys())).toEqual(new Set(ids));
  });
});

import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { repoRoot } from '../helpers/config.js';

/*
 * `sanctionwatch demo` on a machine with no Redis: run inside a network namespace of its own,
 * whose loopback has nothing on 6379 (the machine's Redis stays out of reach), it must start a
 * private redis-server, alert, and leave no process behind after Ctrl-C. Needs root and `ip`.
 */
const ns = `swdemo-${randomBytes(3).toString('hex')}`;
let unavailable = '';

beforeAll(() => {
  try {
    execFileSync('ip', ['netns', 'add', ns], { stdio: 'pipe' });
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up'], { stdio: 'pipe' });
  } catch (err) {
    unavailable = (err as { stderr?: Buffer }).stderr?.toString().trim() || String(err);
  }
});

afterAll(() => {
  if (!unavailable) execFileSync('ip', ['netns', 'del', ns], { stdio: 'pipe' });
});

function needsNetns(ctx: TestContext): void {
  const why = `network namespaces unavailable: ${unavailable}`;
  if (process.env.CI) throw new Error(`${why} (CI must run the embedded-Redis demo test)`);
  console.warn(`skipped: ${why}`);
  ctx.skip();
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('sanctionwatch demo with no Redis anywhere (process)', () => {
  it('starts a private redis-server, alerts, and leaves no process behind on SIGINT', async (ctx) => {
    if (unavailable) return needsNetns(ctx);
    const env = { ...process.env };
    delete env.REDIS_URL;
    const child = spawn(
      'ip',
      ['netns', 'exec', ns, process.execPath, path.join(repoRoot, 'bin/sanctionwatch.js'), 'demo'],
      { cwd: repoRoot, env },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no alert in 40 s: ${stdout}${stderr}`)),
        40_000,
      );
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/^ALERT /m.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const pid = Number(/started a private redis-server \(pid (\d+)\)/.exec(stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
    expect(stdout).toMatch(/^Stopped: \d+ alerts, removed \d+ Redis keys$/m);
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../helpers/redis.js';

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  onStdout?: (s: string, kill: () => void) => void,
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>(
    (resolve) => {
      const t0 = Date.now();
      const child = spawn(
        process.execPath,
        [path.join(repoRoot, 'bin/sanctionwatch.js'), ...args],
        {
          env: { ...process.env, ...env },
          cwd: repoRoot,
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        onStdout?.(stdout, () => child.kill('SIGTERM'));
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
    },
  );
}

describe('sanctionwatch start (process)', () => {
  const prefix = randomPrefix('start');
  afterAll(async () => {
    await deletePrefix(prefix);
  });

  it('exits 1 with one line naming the Redis URL when Redis is unreachable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sw-start-'));
    const cfg = path.join(dir, 'sw.yaml');
    await writeFile(
      cfg,
      'redis: { url: "redis://127.0.0.1:1" }\nhttp: { enabled: false }\nwatchlists: []\n',
    );
    const r = await run(['start', '--config', cfg]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('redis://127.0.0.1:1');
    expect(lines[0]).toContain('docker compose up -d redis');
    expect(r.stderr).not.toContain('    at ');
  });

  it('exits 2 on an unknown role', async () => {
    const r = await run(['start', '--role', 'juggler']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--role');
  });

  it('runs the shipped config until SIGTERM, then exits 0', async () => {
    const r = await run(
      ['start'],
      { REDIS_URL, SW_REDIS_PREFIX: prefix, SW_HTTP_PORT: '0' },
      (() => {
        let killed = false;
        return (out: string, kill: () => void) => {
          if (!killed && out.includes('sanctionwatch started')) {
            killed = true;
            kill();
          }
        };
      })(),
    );
    expect(r.stdout).toContain('sanctionwatch started');
    expect(r.stdout).toContain('sanctionwatch stopped');
    expect(r.code).toBe(0);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../helpers/redis.js';

const run = (
  args: string[],
  env: NodeJS.ProcessEnv = {},
  onStdout?: (s: string, kill: () => void) => void,
) => runCli(args, { env, onStdout });

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

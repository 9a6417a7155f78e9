import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execWithScripts, queueScript, runScript } from '../../../src/store/scripts.js';

// A private redis-server on a Unix socket: SCRIPT FLUSH here touches no other test's scripts.
describe('Lua scripts by EVALSHA, after Redis lost its script cache', () => {
  let server: ChildProcess;
  let redis: Redis;
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sw-scripts-'));
    const socket = path.join(dir, 'redis.sock');
    server = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--save', ''], {
      stdio: 'ignore',
    });
    for (
      let i = 0;
      i < 100 &&
      !(await access(socket).then(
        () => true,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    redis = new Redis({ path: socket });
  });
  afterAll(async () => {
    await redis.quit();
    server.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a script alone after SCRIPT FLUSH (EVAL fallback)', async () => {
    await redis.script('FLUSH');
    await redis.set('lock', 'token-1');
    expect(await runScript(redis, 'lockRelease', ['lock'], ['token-2'])).toBe(0);
    expect(await runScript(redis, 'lockRelease', ['lock'], ['token-1'])).toBe(1);
    expect(await redis.exists('lock')).toBe(0);
  });

  it('sends a pipeline again after SCRIPT FLUSH, with every reply clean', async () => {
    await redis.script('FLUSH');
    const replies = await execWithScripts(redis, (p) => {
      queueScript(p, 'replaceHash', ['state'], ['etag', 'x', 'failures', '0']);
      p.hget('state', 'etag');
    });
    expect(replies.every(([err]) => err === null)).toBe(true);
    expect(replies[1][1]).toBe('x');
    expect(await redis.hgetall('state')).toEqual({ etag: 'x', failures: '0' });
  });

  it('pastes included Lua (the ledger record function) into the scripts that use it', async () => {
    const args = ['a_1', 1, '{}', 10, 'status:'];
    expect(await runScript(redis, 'ledgerRecord', ['recent', 'data'], args)).toBe(1);
    expect(await runScript(redis, 'ledgerRecord', ['recent', 'data'], args)).toBe(0);
  });
});

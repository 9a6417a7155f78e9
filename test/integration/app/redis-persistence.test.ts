import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { persistenceProblem } from '../../../src/app/redis.js';

// Private redis-servers on Unix sockets, each started with the persistence under test.
async function privateRedis(appendonly: 'yes' | 'no') {
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-aof-'));
  const socket = path.join(dir, 'redis.sock');
  const server = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', appendonly, '--dir', dir],
    { stdio: 'ignore' },
  );
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
  return { server, dir, redis: new Redis({ path: socket }) };
}

describe('start-up check of Redis persistence', () => {
  const started: { server: ChildProcess; dir: string; redis: Redis }[] = [];
  afterEach(async () => {
    for (const s of started.splice(0)) {
      await s.redis.quit();
      s.server.kill();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  it('warns when appendonly is off (a restart would replay a week of news)', async () => {
    const s = await privateRedis('no');
    started.push(s);
    expect(await persistenceProblem(s.redis)).toMatch(/appendonly yes/);
  });

  it('says nothing when appendonly is on', async () => {
    const s = await privateRedis('yes');
    started.push(s);
    expect(await persistenceProblem(s.redis)).toBeUndefined();
  });
});

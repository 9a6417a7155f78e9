import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ping } from '../harness/redis.js';
import { freePort, waitFor } from '../harness/wait.js';

/** A private redis-server like the harness's (noeviction, AOF everysec) that keeps a log file. */
export interface LoggedRedis {
  readonly url: string;
  /** Exit code/signal once the server ended, for a long run that must explain a lost Redis. */
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Last lines of the server's log. */
  logTail(lines?: number): Promise<string>;
  dispose(): Promise<void>;
}

export async function loggedRedis(): Promise<LoggedRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-soak-redis-'));
  const logfile = path.join(dir, 'redis.log');
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--logfile',
      logfile,
    ],
    { stdio: 'ignore' },
  );
  let exit: LoggedRedis['exit'];
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(() => ping(url), 10_000, `redis on ${port}`);
  return {
    url,
    get exit() {
      return exit;
    },
    async logTail(lines = 20) {
      const text = await readFile(logfile, 'utf8').catch(() => '');
      return text.trim().split('\n').slice(-lines).join('\n');
    },
    async dispose() {
      if (!exit) child.kill('SIGKILL');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

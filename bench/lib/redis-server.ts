// A private redis-server on a free port, so command counts are the bench's alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

export interface PrivateRedis {
  url: string;
  /** total_commands_processed and per-command calls, from INFO. */
  stats(): Promise<{ total: number; byCommand: Map<string, number>; cpu: number }>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  // An interrupted bench must not leave its server behind.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      kill();
      process.exit(130);
    });
  const url = `redis://127.0.0.1:${port}`;
  let probe: Redis | undefined;
  for (let i = 0; !probe; i++) {
    const c = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    c.on('error', () => undefined);
    try {
      await c.connect();
      probe = c;
    } catch {
      c.disconnect();
      if (i > 100) throw new Error(`redis-server on port ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const conn = probe;
  return {
    url,
    async stats() {
      const info = await conn.info('all');
      const total = Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
      const byCommand = new Map<string, number>();
      for (const m of info.matchAll(/cmdstat_([a-z|_-]+):calls=(\d+)/g))
        byCommand.set(m[1], Number(m[2]));
      const cpu =
        Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0) +
        Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0);
      return { total, byCommand, cpu };
    },
    async stop() {
      conn.disconnect();
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Commands between two stats snapshots, minus the INFO calls themselves, largest first. */
export function commandDelta(
  a: Awaited<ReturnType<PrivateRedis['stats']>>,
  b: Awaited<ReturnType<PrivateRedis['stats']>>,
): { total: number; top: Record<string, number>; cpu: number } {
  const rows: [string, number][] = [];
  for (const [cmd, n] of b.byCommand) {
    const d = n - (a.byCommand.get(cmd) ?? 0) - (cmd === 'info' ? 1 : 0);
    if (d > 0) rows.push([cmd, d]);
  }
  rows.sort((x, y) => y[1] - x[1]);
  return {
    total: b.total - a.total - 1,
    top: Object.fromEntries(rows.slice(0, Number(process.env.BENCH_TOP ?? 12))),
    cpu: b.cpu - a.cpu,
  };
}

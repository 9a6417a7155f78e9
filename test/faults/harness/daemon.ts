import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../helpers/config.js';
import { waitFor } from './wait.js';

/** Options of {@link spawnDaemon}. */
export interface SpawnDaemonOptions {
  /** Config file path. */
  config: string;
  /** `--role`. @defaultValue all */
  role?: 'all' | 'poller' | 'matcher' | 'notifier';
  /** Added to the test's environment (e.g. `FaultConfig.env`). */
  env?: Record<string, string>;
  /** Label in error messages. @defaultValue the role */
  name?: string;
}

/** How a daemon process ended. */
export interface DaemonExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `sanctionwatch start` process. */
export interface DaemonHandle {
  readonly pid: number;
  readonly name: string;
  /** Every stdout line so far (JSON log lines). */
  readonly lines: readonly string[];
  /** stdout + stderr so far. */
  output(): string;
  /** Parsed JSON log lines so far (non-JSON lines skipped). */
  records(): Record<string, unknown>[];
  /** Sends a signal (default SIGTERM); records the time for SIGKILL so kills can be correlated. */
  kill(signal?: NodeJS.Signals): void;
  /** Epoch ms of the last {@link kill}, if any. */
  readonly killedAt: number | undefined;
  /** Resolves when the process ends; rejects after `timeoutMs` (default 30 s). */
  waitForExit(timeoutMs?: number): Promise<DaemonExit>;
  /** Resolves with the first stdout line matching `re` (waits up to `timeoutMs`, default 30 s). */
  waitForLog(re: RegExp, timeoutMs?: number): Promise<string>;
  /** The ops HTTP base URL from the `sanctionwatch started` line (waits for it). */
  httpUrl(timeoutMs?: number): Promise<string>;
  readonly exited: DaemonExit | undefined;
}

const running = new Set<DaemonHandle>();

/**
 * Spawns `node bin/sanctionwatch.js start --config … --role …` (the built dist/, as users run
 * it). Call {@link killAllDaemons} in afterEach/afterAll so no process outlives its test.
 */
export function spawnDaemon(options: SpawnDaemonOptions): DaemonHandle {
  const role = options.role ?? 'all';
  const name = options.name ?? role;
  const child = spawn(
    process.execPath,
    [
      path.join(repoRoot, 'bin/sanctionwatch.js'),
      'start',
      '--config',
      options.config,
      '--role',
      role,
    ],
    { env: { ...process.env, ...options.env }, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (child.pid === undefined) throw new Error(`cannot spawn daemon ${name}`);
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let exited: DaemonExit | undefined;
  let killedAt: number | undefined;
  child.stdout.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<DaemonExit>((resolve) =>
    child.once('close', (code, signal) => {
      if (partial) lines.push(partial);
      exited = { code, signal };
      running.delete(handle);
      resolve(exited);
    }),
  );
  const findLine = (re: RegExp) => lines.find((l) => re.test(l));

  const handle: DaemonHandle = {
    pid: child.pid,
    name,
    lines,
    output: () => `${lines.join('\n')}\n${partial}${stderr}`,
    records() {
      const out: Record<string, unknown>[] = [];
      for (const l of lines) {
        try {
          out.push(JSON.parse(l) as Record<string, unknown>);
        } catch {
          // Not a log line.
        }
      }
      return out;
    },
    kill(signal = 'SIGTERM') {
      if (exited) return;
      killedAt = Date.now();
      child.kill(signal);
    },
    get killedAt() {
      return killedAt;
    },
    async waitForExit(timeoutMs = 30_000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          exit,
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () =>
                reject(
                  new Error(`daemon ${name} (pid ${child.pid}) did not exit in ${timeoutMs} ms`),
                ),
              timeoutMs,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    async waitForLog(re, timeoutMs = 30_000) {
      await waitFor(
        () => {
          if (findLine(re)) return true;
          if (exited)
            throw new Error(
              `daemon ${name} exited (${JSON.stringify(exited)}) before logging ${re}:\n${handle.output().slice(-3000)}`,
            );
          return false;
        },
        timeoutMs,
        `daemon ${name} to log ${re}`,
        50,
      );
      return findLine(re)!;
    },
    async httpUrl(timeoutMs = 30_000) {
      const line = await handle.waitForLog(/"msg":"sanctionwatch started"/, timeoutMs);
      const url = (JSON.parse(line) as { http?: string }).http;
      if (!url) throw new Error(`daemon ${name} started without an HTTP server`);
      return url;
    },
    get exited() {
      return exited;
    },
  };
  running.add(handle);
  return handle;
}

/** SIGKILLs every daemon still running and waits for them; for afterEach/afterAll. */
export async function killAllDaemons(): Promise<void> {
  const all = [...running];
  for (const d of all) d.kill('SIGKILL');
  await Promise.all(all.map((d) => d.waitForExit(10_000).catch(() => undefined)));
}

/** GETs `<httpUrl>/readyz`; resolves with the status code, or 0 when the server does not answer. */
export async function readyz(httpUrl: string): Promise<number> {
  try {
    const res = await fetch(`${httpUrl}/readyz`, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

import { Worker } from 'node:worker_threads';
import type { Config } from '../../config/schema.js';
import { SwError, type ErrorCode } from '../../errors.js';
import type { ParseOptions } from '../../feeds/parse.js';
import type { ParsedFeed } from '../../feeds/types.js';
import type { MatchInput, MatchResult } from '../../matching/index.js';

type Request =
  | { type: 'parse'; body: Uint8Array; options?: ParseOptions }
  | { type: 'compile'; config: Config }
  | { type: 'match'; items: MatchInput[] }
  | { type: 'ready' };

export type OffloadRequest = { id: number } & Request;

type Reply = {
  id: number;
  result?: unknown;
  error?: {
    message: string;
    code?: ErrorCode;
    details?: Record<string, unknown>;
    retryAfterMs?: number;
  };
};

export interface OffloadPoolOptions {
  config: Config;
  /** Worker threads. @defaultValue 1 */
  threads?: number;
  /** Compile the matcher in each thread at start (the matcher role runs here). */
  match: boolean;
}

/**
 * Feed parsing and matching on worker threads. Both are pure CPU (about 0.3 ms per news item
 * each); on the main thread they stall the event loop that moves jobs and renews their locks, and
 * they cap one process at one core. Each thread compiles its own matcher from the config.
 */
export interface OffloadPool {
  parse(body: Uint8Array, options?: ParseOptions): Promise<ParsedFeed>;
  /** Matches with the matcher compiled for `version`, recompiling first when it changed. */
  match(items: MatchInput[], version: number): Promise<MatchResult[]>;
  /** Starts every thread and waits until each has loaded (and compiled its matcher). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
  version: number;
  compiling?: Promise<unknown>;
}

export function createOffloadPool(options: OffloadPoolOptions): OffloadPool {
  const size = Math.max(1, options.threads ?? 1);
  // From source (tests, tsx) the worker is TypeScript: load it through tsx's loader.
  const ts = import.meta.url.endsWith('.ts');
  const file = new URL(ts ? './offload-worker.ts' : './offload-worker.js', import.meta.url);
  const threads: (Thread | undefined)[] = Array.from({ length: size }, () => undefined);
  let nextId = 0;
  let turn = 0;
  let closed = false;

  function spawn(): Thread {
    const workerData = { config: options.config, match: options.match };
    const worker = ts
      ? new Worker(
          `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(file.href)}); })`,
          { eval: true, workerData },
        )
      : new Worker(file, { workerData });
    const thread: Thread = { worker, pending: new Map(), version: 1 };
    worker.on('message', (reply: Reply) => {
      const p = thread.pending.get(reply.id);
      if (!p) return;
      thread.pending.delete(reply.id);
      if (!reply.error) return p.resolve(reply.result);
      const e = reply.error;
      p.reject(
        e.code
          ? new SwError(e.code, e.message, { details: e.details, retryAfterMs: e.retryAfterMs })
          : new Error(e.message),
      );
    });
    const fail = (err: Error) => {
      for (const p of thread.pending.values()) p.reject(err);
      thread.pending.clear();
      const i = threads.indexOf(thread);
      if (i >= 0) threads[i] = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`offload thread exited with code ${code}`)));
    return thread;
  }

  function pick(): Thread {
    if (closed) throw new Error('offload pool is closed');
    const i = turn++ % size;
    return (threads[i] ??= spawn());
  }

  function call<T>(thread: Thread, msg: Request): Promise<T> {
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      thread.worker.postMessage({ ...msg, id });
    });
  }

  return {
    parse: (body, parseOptions) =>
      call<ParsedFeed>(pick(), { type: 'parse', body, options: parseOptions }),
    async match(items, version) {
      const thread = pick();
      if (thread.version !== version) {
        thread.version = version;
        thread.compiling = call(thread, { type: 'compile', config: options.config });
      }
      // A failed recompile keeps the thread's previous matcher, as a failed reload does.
      await thread.compiling?.catch(() => undefined);
      return call<MatchResult[]>(thread, { type: 'match', items });
    },
    async ready() {
      await Promise.all(
        threads.map((_, i) => call(threads[i] ?? (threads[i] = spawn()), { type: 'ready' })),
      );
    },
    async close() {
      closed = true;
      await Promise.all(threads.flatMap((t) => (t ? [t.worker.terminate()] : [])));
    },
  };
}

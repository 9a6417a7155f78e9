import { Worker } from 'node:worker_threads';
import { SwError, type ErrorCode } from '../errors.js';
import type { ParseOptions } from '../feeds/parse.js';
import type { ParsedFeed } from '../feeds/types.js';
import type { MatchInput, MatchResult } from '../matching/index.js';
import type { MatcherSources } from '../sources/load.js';

type Request =
  | { type: 'parse'; body: Uint8Array; options?: ParseOptions }
  | { type: 'prepare'; sources: MatcherSources }
  | { type: 'commit' }
  | { type: 'abort' }
  | { type: 'match'; items: MatchInput[] }
  | { type: 'ready' };

export type PoolRequest = { id: number } & Request;

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

export interface MatcherPoolOptions {
  /** What the threads compile their matcher from; omitted, the pool only parses feeds. */
  sources?: MatcherSources;
  /** Threads. @defaultValue 1 */
  threads?: number;
}

/**
 * Threads that parse feeds and match items: the only place matching runs in the daemon. Both are
 * pure CPU; on the main thread they would stall the event loop that moves jobs and renews their
 * locks, and cap one process at one core.
 */
export interface MatcherPool {
  parse(body: Uint8Array, options?: ParseOptions): Promise<ParsedFeed>;
  match(items: MatchInput[]): Promise<MatchResult[]>;
  /**
   * Compiles `sources` in every thread, then swaps all threads to it; when any thread fails,
   * none swaps and the error is thrown (the previous matcher stays in force everywhere).
   */
  reload(sources: MatcherSources): Promise<void>;
  /** Reloads that took effect since start. */
  readonly generation: number;
  /** Starts every thread and waits until each has loaded (and compiled its matcher). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

export function createMatcherPool(options: MatcherPoolOptions): MatcherPool {
  const size = Math.max(1, options.threads ?? 1);
  // From source (tests, tsx) the thread is TypeScript: load it through tsx's loader.
  const ts = import.meta.url.endsWith('.ts');
  const file = new URL(ts ? './matcher-thread.ts' : './matcher-thread.js', import.meta.url);
  const threads: (Thread | undefined)[] = Array.from({ length: size }, () => undefined);
  let sources = options.sources;
  let generation = 0;
  let reloading: Promise<void> = Promise.resolve();
  let nextId = 0;
  let turn = 0;
  let closed = false;

  function spawn(): Thread {
    // A thread (re)started after a reload compiles what is in force now.
    const workerData = { sources };
    const worker = ts
      ? new Worker(
          `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(file.href)}); })`,
          { eval: true, workerData },
        )
      : new Worker(file, { workerData });
    const thread: Thread = { worker, pending: new Map() };
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
    worker.on('exit', (code) => fail(new Error(`matcher thread exited with code ${code}`)));
    return thread;
  }

  function at(i: number): Thread {
    if (closed) throw new Error('matcher pool is closed');
    return (threads[i] ??= spawn());
  }

  function call<T>(thread: Thread, msg: Request): Promise<T> {
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      thread.worker.postMessage({ ...msg, id });
    });
  }

  const all = (msg: Request) => Promise.allSettled(threads.map((_, i) => call(at(i), msg)));

  async function swap(next: MatcherSources): Promise<void> {
    const prepared = await all({ type: 'prepare', sources: next });
    const failed = prepared.find((r) => r.status === 'rejected');
    if (failed) {
      await all({ type: 'abort' });
      throw failed.reason;
    }
    sources = next;
    await all({ type: 'commit' });
    generation++;
  }

  return {
    parse: (body, parseOptions) =>
      call<ParsedFeed>(at(turn++ % size), { type: 'parse', body, options: parseOptions }),
    match: (items) => call<MatchResult[]>(at(turn++ % size), { type: 'match', items }),
    reload(next) {
      // One reload at a time: a second waits for the first, then applies its own sources.
      const run = reloading.then(() => swap(next));
      reloading = run.catch(() => undefined);
      return run;
    },
    get generation() {
      return generation;
    },
    async ready() {
      await Promise.all(threads.map((_, i) => call(at(i), { type: 'ready' })));
    },
    async close() {
      closed = true;
      await Promise.all(threads.flatMap((t) => (t ? [t.worker.terminate()] : [])));
    },
  };
}

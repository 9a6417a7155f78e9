import { Worker } from 'node:worker_threads';
import { SwError, type ErrorCode } from '../errors.js';
import type { ListInput } from '../lists/import-list.js';
import type { ImportedList } from '../lists/refresh.js';
import type { ImportOptions, ListType } from '../lists/types.js';

/** What the import thread is given. */
export interface ListImportRequest {
  type: ListType;
  main: Uint8Array;
  aliases?: Uint8Array;
  options: ImportOptions;
}

type Imported = ImportedList;

/** The bytes as a Uint8Array whose memory can be moved to the thread instead of copied. */
function movable(input: Buffer | string): Uint8Array {
  const b = typeof input === 'string' ? Buffer.from(input) : input;
  // A Buffer may be a view into a shared pool: only a whole ArrayBuffer may be transferred.
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return b;
  return new Uint8Array(b);
}

/**
 * Imports a list in a thread of its own (one per import: lists refresh daily), so the event loop
 * stays free. The input's memory is moved to the thread; do not use it afterwards.
 */
export function importInThread(
  type: ListType,
  input: ListInput,
  options: ImportOptions = {},
): Promise<Imported> {
  const main = movable(input.main);
  const aliases = input.aliases === undefined ? undefined : movable(input.aliases);
  const request: ListImportRequest = { type, main, ...(aliases ? { aliases } : {}), options };
  const transferList = [main.buffer, ...(aliases ? [aliases.buffer] : [])] as ArrayBuffer[];
  // From source (tests, tsx) the thread is TypeScript: load it through tsx's loader.
  const ts = import.meta.url.endsWith('.ts');
  const file = new URL(ts ? './list-import-thread.ts' : './list-import-thread.js', import.meta.url);
  const worker = ts
    ? new Worker(
        `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(file.href)}); })`,
        { eval: true, workerData: request, transferList },
      )
    : new Worker(file, { workerData: request, transferList });
  return new Promise<Imported>((resolve, reject) => {
    worker.once(
      'message',
      (reply: { out?: Imported; error?: { message: string; code?: ErrorCode } }) => {
        if (reply.out) resolve(reply.out);
        else if (reply.error?.code) reject(new SwError(reply.error.code, reply.error.message));
        else reject(new Error(reply.error?.message ?? 'list import thread failed'));
        void worker.terminate();
      },
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`list import thread exited with ${code}`)));
  });
}

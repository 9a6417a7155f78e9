// Thread side of a list import: parsing and cleaning an official list of many megabytes is
// CPU work that would stall the event loop (BullMQ lock renewal, /healthz) for seconds.
import { parentPort, workerData } from 'node:worker_threads';
import { isSwError } from '../errors.js';
import { importToYaml } from '../lists/import-list.js';
import type { ListImportRequest } from './list-importer.js';

const request = workerData as ListImportRequest;
try {
  const out = importToYaml(
    request.type,
    {
      main: Buffer.from(request.main),
      ...(request.aliases ? { aliases: Buffer.from(request.aliases) } : {}),
    },
    request.options,
  );
  // Not the watchlist object: cloning a quarter of a million entries back would block the
  // event loop the thread is there to keep free.
  const { stats, warnings } = out.result;
  parentPort?.postMessage({ out: { yaml: out.yaml, result: { stats, warnings } } });
} catch (err) {
  parentPort?.postMessage({
    error: {
      message: err instanceof Error ? err.message : String(err),
      ...(isSwError(err) ? { code: err.code } : {}),
    },
  });
}

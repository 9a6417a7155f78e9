// Thread side of the matcher pool: feed parsing and matching, off the event loop that renews
// BullMQ locks and moves jobs. The thread reads no files: the main thread sends it the sources.
import { parentPort, workerData } from 'node:worker_threads';
import { isSwError } from '../errors.js';
import { parseFeed } from '../feeds/parse.js';
import type { Matcher, MatchInput } from '../matching/index.js';
import { compileSources } from '../sources/compile.js';
import type { MatcherSources } from '../sources/load.js';
import type { PoolRequest } from './matcher-pool.js';

const init = workerData as { sources?: MatcherSources };
let current: Matcher | undefined;
let staged: Matcher | undefined;

function matcher(): Matcher {
  if (!current) {
    if (!init.sources) throw new Error('this pool was started without a matcher');
    current = compileSources(init.sources).matcher;
  }
  return current;
}

function handle(msg: PoolRequest): unknown {
  switch (msg.type) {
    case 'parse':
      return parseFeed(msg.body, msg.options);
    case 'ready':
      if (init.sources) matcher();
      return true;
    case 'prepare':
      staged = compileSources(msg.sources).matcher;
      return true;
    case 'commit':
      if (staged) current = staged;
      staged = undefined;
      return true;
    case 'abort':
      staged = undefined;
      return true;
    case 'match': {
      const m = matcher();
      return msg.items.map((it: MatchInput) => m.match(it));
    }
  }
}

parentPort!.on('message', (msg: PoolRequest) => {
  Promise.resolve()
    .then(() => handle(msg))
    .then(
      (result) => parentPort!.postMessage({ id: msg.id, result }),
      (err: unknown) =>
        parentPort!.postMessage({
          id: msg.id,
          error: {
            message: err instanceof Error ? err.message : String(err),
            ...(isSwError(err)
              ? { code: err.code, details: err.details, retryAfterMs: err.retryAfterMs }
              : {}),
          },
        }),
    );
});

// Worker-thread side of the offload pool: feed parsing and matching, off the event loop that
// renews BullMQ locks and moves jobs.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config/schema.js';
import { isSwError } from '../../errors.js';
import { parseFeed } from '../../feeds/parse.js';
import type { Matcher, MatchInput } from '../../matching/index.js';
import { compileFromConfig } from '../matcher-source.js';
import type { OffloadRequest } from './offload.js';

const init = workerData as { config: Config; match: boolean };
let matcher: Promise<Matcher> | undefined;
let config = init.config;
function currentMatcher(): Promise<Matcher> {
  matcher ??= compileFromConfig(config).then((c) => c.matcher);
  return matcher;
}
if (init.match) void currentMatcher().catch(() => undefined);

async function handle(msg: OffloadRequest): Promise<unknown> {
  switch (msg.type) {
    case 'parse':
      return parseFeed(msg.body, msg.options);
    case 'compile': {
      config = msg.config;
      const next = compileFromConfig(config).then((c) => c.matcher);
      await next;
      matcher = next;
      return true;
    }
    case 'ready':
      if (init.match) await currentMatcher();
      return true;
    case 'match': {
      const m = await currentMatcher();
      return msg.items.map((it: MatchInput) => m.match(it));
    }
  }
}

parentPort!.on('message', (msg: OffloadRequest) => {
  handle(msg).then(
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

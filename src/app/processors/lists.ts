import type { Job } from 'bullmq';
import { fetchFeed } from '../../feeds/fetch.js';
import { SwError } from '../../errors.js';
import { refreshList, type RefreshOutcome } from '../../lists/refresh.js';
import type { ListRefreshJob } from '../../queues/registry.js';
import type { AppContext } from '../context.js';
import { importInThread } from '../list-importer.js';

/**
 * Downloads, imports and swaps one configured official list. A bad download keeps the previous
 * file (an outcome, not a retry); matchers pick the new file up through their file watch.
 */
export function makeListsProcessor(ctx: AppContext) {
  return async (job: Job<ListRefreshJob>): Promise<RefreshOutcome | { status: 'unknown-list' }> => {
    const source = ctx.config.lists[job.data.index];
    if (!source) return { status: 'unknown-list' };
    const outcome = await refreshList(source, {
      logger: ctx.logger,
      importer: importInThread,
      fetchBytes: async (url) => {
        const res = await fetchFeed(url, {
          maxBytes: 200 * 1024 * 1024,
          timeoutMs: 5 * 60_000,
          connectTimeoutMs: ctx.config.poller.connectTimeout,
          contact: ctx.config.poller.contact,
        });
        if (res.kind !== 'ok')
          throw new SwError('LIST_IMPORT', `unexpected ${res.kind} for ${url}`);
        return res.body;
      },
    });
    const log = { list: source.type, out: outcome.path, status: outcome.status };
    if (outcome.status === 'kept')
      ctx.logger.warn(
        { ...log, stage: outcome.stage, reason: outcome.reason },
        'list refresh failed; previous list kept',
      );
    else ctx.logger.info(log, 'list refreshed');
    return outcome;
  };
}

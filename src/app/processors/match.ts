import type { Job } from 'bullmq';
import { matchItems, type MatchDeps, type MatchOutcome } from '../../pipeline/match.js';
import type { MatchJob } from '../../queues/registry.js';
import type { AppContext } from '../context.js';
import type { MatcherPool } from '../matcher-pool.js';

/** What the match job returns (kept in BullMQ's completed job). */
export interface MatchJobOutcome {
  items: number;
  /** Story keys of the flagged items. */
  flaggedItems: string[];
  alerts: string[];
  deliveries: number;
}

/** The dependencies of {@link matchItems} from the app's context and its matcher pool. */
export function matchDeps(ctx: AppContext, pool: Pick<MatcherPool, 'match'>): MatchDeps {
  return {
    matcher: pool,
    routes: ctx.config.routes,
    channels: ctx.config.channels,
    queues: ctx.queues,
    redis: ctx.redis,
    prefix: ctx.config.redis.prefix,
    clock: ctx.clock,
    logger: ctx.logger,
    burst: ctx.config.alerts.burst,
    tagsOf: (feed) => ctx.config.feeds.find((f) => f.name === feed)?.tags,
  };
}

/**
 * The match queue's processor: {@link matchItems} on the job's items, then metrics and one log
 * line per flagged item that became alerts. Alert and job ids come from the story, so a retried
 * or duplicated match job enqueues nothing new.
 */
export function makeMatchProcessor(ctx: AppContext, pool: Pick<MatcherPool, 'match'>) {
  const deps = matchDeps(ctx, pool);
  return async (job: Job<MatchJob>): Promise<MatchJobOutcome> => {
    const { feed, items, polledAt } = job.data;
    const outcome = await matchItems(deps, { feed, items, polledAt });
    reportMatch(ctx, feed, outcome);
    return {
      items: outcome.items,
      flaggedItems: outcome.flagged.map((f) => f.key),
      alerts: outcome.alerts,
      deliveries: outcome.deliveries,
    };
  };
}

/** Metrics and log lines for what matching found. */
export function reportMatch(ctx: AppContext, feed: string, outcome: MatchOutcome): void {
  ctx.metrics.itemsMatched.inc(outcome.items);
  for (const f of outcome.flagged) {
    for (const c of f.result.categories) ctx.metrics.itemsFlagged.inc({ category: c });
    for (const a of f.alerts)
      for (const c of a.categories) ctx.metrics.alertsCreated.inc({ category: c });
    if (f.alerts.length === 0) continue;
    ctx.logger.info(
      {
        item: f.item.title,
        feed,
        categories: f.result.categories,
        alerts: f.alerts.map((a) => a.id),
      },
      'item flagged',
    );
  }
}

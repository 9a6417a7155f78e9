import type { Job, JobsOptions, Queue } from 'bullmq';
import { buildAlerts, deliveryJobId } from '../../alerts/route.js';
import { storyKey } from '../../feeds/normalise.js';
import {
  deliveryQueueFor,
  type DeliveryJob,
  type MatchJob,
  type QueueName,
} from '../../queues/registry.js';
import type { AppContext } from '../context.js';
import { recordAlertStats } from '../stats.js';

export type MatchOutcome =
  | { flagged: false }
  | { flagged: true; categories: string[]; alerts: string[]; deliveries: number };

/**
 * Runs detection on one item and enqueues one delivery job per channel of every matching route.
 * Alert and job ids are derived from the story, so a retried or duplicated match job enqueues
 * nothing new.
 */
export function makeMatchProcessor(ctx: AppContext) {
  return async (job: Job<MatchJob>): Promise<MatchOutcome> => {
    const { item, feed, polledAt } = job.data;
    const result = ctx.matcher.current.match({ title: item.title, body: item.body });
    ctx.metrics.itemsMatched.inc();
    if (!result.flagged) return { flagged: false };
    for (const c of result.categories) ctx.metrics.itemsFlagged.inc({ category: c });

    const built = buildAlerts({
      // The story key: one alert per story even when two feeds carry it under different GUIDs.
      item: {
        key: storyKey(item),
        title: item.title,
        link: item.link,
        published: item.published,
        feed,
      },
      result,
      routes: ctx.config.routes,
      channels: ctx.config.channels,
      now: new Date(ctx.clock.now()),
      polledAt,
    });

    const byQueue = new Map<QueueName, { name: string; data: DeliveryJob; opts: JobsOptions }[]>();
    for (const { alert, channels } of built) {
      for (const c of alert.categories) ctx.metrics.alertsCreated.inc({ category: c });
      for (const channel of channels) {
        const queue = deliveryQueueFor(channel.type);
        const list = byQueue.get(queue) ?? [];
        list.push({
          name: channel.name,
          data: { channel: channel.name, alert },
          opts: { jobId: deliveryJobId(alert.id, channel.name) },
        });
        byQueue.set(queue, list);
      }
    }
    let deliveries = 0;
    for (const [queue, jobs] of byQueue) {
      await (ctx.queues[queue] as Queue<DeliveryJob>).addBulk(jobs);
      deliveries += jobs.length;
    }
    await recordAlertStats(ctx, built.length);
    if (built.length > 0) {
      ctx.logger.info(
        {
          item: item.title,
          feed,
          categories: result.categories,
          alerts: built.map((b) => b.alert.id),
        },
        'item flagged',
      );
    }
    return {
      flagged: true,
      categories: result.categories,
      alerts: built.map((b) => b.alert.id),
      deliveries,
    };
  };
}

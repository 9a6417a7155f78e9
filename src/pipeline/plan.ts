import type { JobsOptions } from 'bullmq';
import { buildAlerts, deliveryJobId } from '../alerts/route.js';
import type { Alert } from '../alerts/types.js';
import type { ChannelConfig, RouteConfig } from '../config/schema.js';
import { storyKey } from '../feeds/normalise.js';
import type { FeedItem } from '../feeds/types.js';
import type { MatchResult } from '../matching/index.js';
import { deliveryQueueFor, type DeliveryJob, type QueueName } from '../queues/registry.js';

/** One delivery job to add: its queue, name, data and options (the id makes it idempotent). */
export interface PlannedDelivery {
  queue: QueueName;
  name: string;
  data: DeliveryJob;
  opts: JobsOptions;
}

/** A flagged item and the alerts built from it. */
export interface FlaggedItem {
  item: FeedItem;
  key: string;
  result: MatchResult;
  alerts: Alert[];
}

export interface DeliveryPlan {
  flagged: FlaggedItem[];
  deliveries: PlannedDelivery[];
}

export interface PlanInput {
  feed: string;
  items: readonly FeedItem[];
  /** The matcher's result of each item, in the same order. */
  results: readonly MatchResult[];
  routes: readonly RouteConfig[];
  channels: readonly ChannelConfig[];
  now: Date;
  /** Epoch ms of the poll that found the items. */
  polledAt?: number;
  /** The feed's tags, for routes that select by tag. */
  feedTags?: readonly string[];
}

/**
 * Which alerts, to which channels: one alert per flagged story and matching route, one delivery
 * per channel of the route. Pure: the ids come from the story, so the same items planned twice
 * give the same jobs (a retried poll enqueues nothing new).
 */
export function planDeliveries(input: PlanInput): DeliveryPlan {
  const flagged: FlaggedItem[] = [];
  const deliveries: PlannedDelivery[] = [];
  input.items.forEach((item, i) => {
    const result = input.results[i];
    if (!result.flagged) return;
    // The story key: one alert per story even when two feeds carry it under different GUIDs.
    const key = storyKey(item);
    const built = buildAlerts({
      item: {
        key,
        title: item.title,
        link: item.link,
        published: item.published,
        language: item.language,
        feed: input.feed,
      },
      result,
      routes: input.routes,
      feedTags: input.feedTags,
      channels: input.channels,
      now: input.now,
      polledAt: input.polledAt,
    });
    flagged.push({ item, key, result, alerts: built.map((b) => b.alert) });
    for (const { alert, channels } of built) {
      for (const channel of channels) {
        deliveries.push({
          queue: deliveryQueueFor(channel.type),
          name: channel.name,
          data: { channel: channel.name, alert },
          opts: { jobId: deliveryJobId(alert.id, channel.name) },
        });
      }
    }
  });
  return { flagged, deliveries };
}

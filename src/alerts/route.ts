import { createHash } from 'node:crypto';
import type { ChannelConfig, RouteConfig } from '../config/schema.js';
import type { MatchResult } from '../matching/types.js';
import { safeJobId } from '../queues/registry.js';
import type { Alert } from './types.js';

/** The item fields an alert carries. */
export interface AlertItem {
  key: string;
  title: string;
  link?: string;
  published?: string;
  /** ISO 639-1 code of the item's language, when known. */
  language?: string;
  feed: string;
}

export interface BuildAlertsInput {
  item: AlertItem;
  result: MatchResult;
  routes: readonly RouteConfig[];
  channels: readonly ChannelConfig[];
  /** Time the alert is built; goes into `createdAt` only, never into the id. */
  now: Date;
  /** Epoch ms of the poll that found the item. */
  polledAt?: number;
  /** Tags of the item's feed (`feeds[].tags`), for routes that select by tag. */
  feedTags?: readonly string[];
}

export interface RoutedAlert {
  alert: Alert;
  /** The route's channels that exist in the config, in route order, without duplicates. */
  channels: ChannelConfig[];
}

/**
 * Alert id: a hash of the story key and the route index only, so a re-poll, a second feed
 * carrying the same story, or a retried match job builds the same id.
 */
export function alertId(storyKey: string, routeIndex: number): string {
  const hex = createHash('sha256').update(`${routeIndex}\u0000${storyKey}`).digest('hex');
  return `a_${hex.slice(0, 24)}`;
}

/** BullMQ job id of one alert's delivery on one channel (no ':' allowed in custom ids). */
export function deliveryJobId(alertIdValue: string, channelName: string): string {
  return safeJobId(alertIdValue, channelName);
}

/** True when the route selects this result. */
export function routeMatches(
  route: RouteConfig,
  result: MatchResult,
  item: { feed?: string; language?: string; feedTags?: readonly string[] } = {},
): boolean {
  if (!result.flagged) return false;
  if (route.feeds?.length && !(item.feed && route.feeds.includes(item.feed))) return false;
  if (route.tags?.length && !route.tags.some((t) => item.feedTags?.includes(t))) return false;
  if (route.languages?.length && !(item.language && route.languages.includes(item.language)))
    return false;
  if (!route.categories.some((c) => result.categories.includes(c))) return false;
  if (result.score < (route.minScore ?? 0)) return false;
  if (route.watchlists && route.watchlists.length > 0) {
    const lists = new Set(route.watchlists);
    if (!result.matches.some((m) => lists.has(m.list))) return false;
  }
  return true;
}

/** One alert per story and matching route, each with the channels to deliver it on. Pure. */
export function buildAlerts(input: BuildAlertsInput): RoutedAlert[] {
  const { item, result, routes, channels, now, polledAt, feedTags } = input;
  const byName = new Map(channels.map((c) => [c.name, c] as const));
  const out: RoutedAlert[] = [];
  routes.forEach((route, index) => {
    if (!routeMatches(route, result, { feed: item.feed, language: item.language, feedTags }))
      return;
    const targets: ChannelConfig[] = [];
    for (const name of new Set(route.channels)) {
      const channel = byName.get(name);
      if (channel) targets.push(channel);
    }
    if (targets.length === 0) return;
    const alert: Alert = {
      id: alertId(item.key, index),
      createdAt: now.toISOString(),
      route: index,
      item: {
        key: item.key,
        title: item.title,
        ...(item.link !== undefined ? { link: item.link } : {}),
        ...(item.published !== undefined ? { published: item.published } : {}),
        ...(item.language !== undefined ? { language: item.language } : {}),
        feed: item.feed,
      },
      categories: [...result.categories],
      score: result.score,
      matches: result.matches.map((m) => ({ ...m })),
      evidence: [...result.evidence],
      ...(result.reasons ? { reasons: result.reasons } : {}),
      ...(polledAt !== undefined ? { polledAt } : {}),
    };
    out.push({ alert, channels: targets });
  });
  return out;
}

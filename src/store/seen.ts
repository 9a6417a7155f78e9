import type { ChainableCommander, Redis } from 'ioredis';
import { feedKey } from './feed-state.js';
import type { FeedItem } from '../feeds/types.js';

/** How long a seen item is remembered after it left its feed. */
export const SEEN_RETENTION_MS = 30 * 24 * 3600 * 1000;

export function storiesKey(prefix: string): string {
  return `${prefix}:stories`;
}

/**
 * Which items are new, without marking anything: not in the feed's seen-set and their story
 * (canonical link) not taken by any feed. Read-only, one round trip.
 */
export async function peekUnseen(
  redis: Redis,
  prefix: string,
  feed: string,
  items: readonly FeedItem[],
): Promise<boolean[]> {
  if (items.length === 0) return [];
  const seen = feedKey(prefix, feed, 'seen');
  const links = items.map((i) => i.link ?? '');
  const withLinks = links.filter((l) => l !== '');
  const pipeline = redis.pipeline();
  pipeline.zmscore(seen, ...items.map((i) => i.key));
  if (withLinks.length > 0) pipeline.zmscore(storiesKey(prefix), ...withLinks);
  const results = await pipeline.exec();
  const byKey = (results?.[0]?.[1] ?? []) as (string | null)[];
  const byLink = (results?.[1]?.[1] ?? []) as (string | null)[];
  let j = 0;
  return items.map((_, i) => {
    const linkTaken = links[i] !== '' ? byLink[j++] !== null : false;
    return byKey[i] === null && !linkTaken;
  });
}

/**
 * Records every item of the document as seen now, in the feed's seen-set and the story set, and
 * trims entries older than the retention, once {@link peekUnseen} decided what is new and the
 * new items were handed on. Four commands in one round trip however many items.
 */
export async function touchSeen(
  redis: Redis,
  prefix: string,
  feed: string,
  items: readonly FeedItem[],
  now: number,
): Promise<void> {
  if (items.length === 0) return;
  const pipeline = redis.pipeline();
  queueTouchSeen(pipeline, prefix, feed, items, now);
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed?.[0]) throw failed[0];
}

/** {@link touchSeen}'s commands queued into another pipeline (the poll's last one). */
export function queueTouchSeen(
  pipeline: ChainableCommander,
  prefix: string,
  feed: string,
  items: readonly FeedItem[],
  now: number,
): void {
  if (items.length === 0) return;
  const seen = feedKey(prefix, feed, 'seen');
  const stories = storiesKey(prefix);
  const byKey: (string | number)[] = [];
  const byLink: (string | number)[] = [];
  for (const item of items) {
    byKey.push(now, item.key);
    if (item.link) byLink.push(now, item.link);
  }
  const cutoff = `(${now - SEEN_RETENTION_MS}`;
  // Plain ZADD updates the score of known members and adds new ones.
  pipeline.zadd(seen, ...byKey);
  if (byLink.length > 0) pipeline.zadd(stories, ...byLink);
  pipeline.zremrangebyscore(seen, '-inf', cutoff).zremrangebyscore(stories, '-inf', cutoff);
}

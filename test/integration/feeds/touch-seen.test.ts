import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { feedKey } from '../../../src/store/feed-state.js';
import { SEEN_RETENTION_MS, peekUnseen, storiesKey, touchSeen } from '../../../src/store/seen.js';
import type { FeedItem } from '../../../src/feeds/types.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const item = (i: number, link = true): FeedItem => ({
  key: `g${i}`,
  keySource: 'guid',
  title: `Story ${i}`,
  ...(link ? { link: `https://example.org/${i}` } : {}),
  body: 'text',
});

describe('touchSeen (the hand-off path marking every item in one round trip)', () => {
  const prefix = randomPrefix('touch');
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('marks every item seen in the feed set and its link in the story set', async () => {
    const items = [item(1), item(2), item(3, false)];
    expect(await peekUnseen(redis, prefix, 'f', items)).toEqual([true, true, true]);
    await touchSeen(redis, prefix, 'f', items, 1_000_000);
    expect(await peekUnseen(redis, prefix, 'f', items)).toEqual([false, false, false]);
    // Another feed carrying a known link sees it as not new; its own GUID-only item is new.
    expect(await peekUnseen(redis, prefix, 'g', [item(1), item(9, false)])).toEqual([false, true]);
    expect(await redis.zscore(feedKey(prefix, 'f', 'seen'), 'g3')).toBe('1000000');
    expect(await redis.zcard(storiesKey(prefix))).toBe(2);
  });

  it('refreshes items still in the document and trims those past the retention', async () => {
    const later = 1_000_000 + SEEN_RETENTION_MS + 10;
    await touchSeen(redis, prefix, 'f', [item(2)], later);
    const seen = await redis.zrange(feedKey(prefix, 'f', 'seen'), 0, -1, 'WITHSCORES');
    expect(seen).toEqual(['g2', String(later)]);
    expect(await redis.zrange(storiesKey(prefix), 0, -1)).toEqual(['https://example.org/2']);
  });

  it('does nothing for an empty document', async () => {
    await expect(touchSeen(redis, prefix, 'empty', [], 1)).resolves.toBeUndefined();
    expect(await redis.exists(feedKey(prefix, 'empty', 'seen'))).toBe(0);
  });
});

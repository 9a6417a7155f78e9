import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  feedKey,
  queueSaveFeedState,
  withFeedLockAndState,
  type FeedState,
} from '../../../src/store/feed-state.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../../helpers/redis.js';

// A poll ends in one round trip: its state save, stats and lock release share a pipeline. These
// pin that the lock is still released on every path and the state still written whole.

let redis: Redis;
let prefix: string;
const lockKey = () => feedKey(prefix, 'f', 'lock');

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = randomPrefix('feed-lock');
});
afterEach(async () => {
  await deletePrefix(prefix);
});

const state = (etag?: string): FeedState => ({
  consecutiveFailures: 0,
  gone: false,
  notModifiedCount: 1,
  ...(etag ? { etag } : {}),
});

describe('withFeedLockAndState', () => {
  it('reads the state with the lock and releases it in the caller’s pipeline', async () => {
    await queueSaveFeedState(redis.pipeline(), prefix, 'f', state('"a"')).exec();
    const out = await withFeedLockAndState(redis, prefix, 'f', 10_000, async (held) => {
      expect(held.state.etag).toBe('"a"');
      expect(await redis.exists(lockKey())).toBe(1);
      // A second poller is kept out meanwhile.
      const second = await withFeedLockAndState(redis, prefix, 'f', 10_000, () =>
        Promise.resolve(1),
      );
      expect(second.held).toBe(false);
      if (!second.held) expect(second.remainingMs).toBeGreaterThan(9_000);
      const p = queueSaveFeedState(redis.pipeline(), prefix, 'f', state());
      held.queueRelease(p);
      await p.exec();
      return 'done';
    });
    expect(out).toEqual({ held: true, value: 'done' });
    expect(await redis.exists(lockKey())).toBe(0);
    // Saved whole: the etag the new state lacks is gone.
    expect(await redis.hget(feedKey(prefix, 'f', 'state'), 'etag')).toBeNull();
  });

  it('releases the lock when the poll fails, queued or not', async () => {
    for (const queue of [false, true]) {
      const err = await withFeedLockAndState(redis, prefix, 'f', 10_000, (held) => {
        if (queue) held.queueRelease(redis.pipeline());
        return Promise.reject(new Error('boom'));
      }).catch((e: unknown) => e);
      expect((err as Error).message).toBe('boom');
      expect(await redis.exists(lockKey())).toBe(0);
    }
  });

  it('releases the lock when the caller never queued its release', async () => {
    await withFeedLockAndState(redis, prefix, 'f', 10_000, () => Promise.resolve('skipped'));
    expect(await redis.exists(lockKey())).toBe(0);
  });

  // Regression: the lock was sized for the slowest fetch (70 s) and never renewed, so a daemon
  // killed mid-poll kept its feeds locked 70 s (the fault suite's recovery went from 32 s to 71 s
  // once polls also matched).
  it('is renewed while the poll runs and lapses soon after its holder stops renewing', async () => {
    const out = await withFeedLockAndState(redis, prefix, 'f', 300, async () => {
      await new Promise((r) => setTimeout(r, 700));
      // Past twice its lifetime, still held: renewed every 100 ms.
      return redis.pttl(lockKey());
    });
    expect(out.held).toBe(true);
    if (out.held) expect(out.value).toBeGreaterThan(0);
    // A holder that died leaves a lock that lapses within its lifetime, not the fetch's.
    await redis.set(lockKey(), 'dead-holder', 'PX', 300);
    await new Promise((r) => setTimeout(r, 400));
    const next = await withFeedLockAndState(redis, prefix, 'f', 300, () => Promise.resolve('ran'));
    expect(next).toEqual({ held: true, value: 'ran' });
  });
});

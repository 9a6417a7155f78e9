import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SwError } from '../../../src/errors.js';
import type { MatchJob } from '../../../src/queues/registry.js';
import { pollFeed, type PollDeps } from '../../../src/pipeline/poll.js';
import { loadFeedState } from '../../../src/store/feed-state.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const defaults = {
  maxItemAge: 7 * 86_400_000,
  maxBytes: 1 << 20,
  timeout: 5000,
  connectTimeout: 5000,
  contact: 'x',
  maxBackoff: 60_000,
};

/** A feed file of RSS items with these titles (guid = link = the index). */
async function feedFile(titles: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-handoff-'));
  const file = path.join(dir, 'feed.xml');
  const items = titles.map(
    (t, i) =>
      `<item><title>${t}</title><link>https://example.org/${t}</link><guid>${t}-${i}</guid></item>`,
  );
  await writeFile(
    file,
    `<rss version="2.0"><channel><title>t</title>${items.join('')}</channel></rss>`,
  );
  return pathToFileURL(file).toString();
}

/** A match queue whose adds run `fn` (what BullMQ would do: fail, or take the jobs). */
function queueThat(fn: (titles: string[]) => Promise<void>): PollDeps['next'] {
  return {
    queue: {
      addBulk: async (jobs: { data: MatchJob }[]) => {
        await fn(jobs.flatMap((j) => j.data.items.map((i) => i.title)));
        return [];
      },
    },
  };
}

// Regression: items were marked seen before they were queued, so a failed hand-off lost them.
describe('pollFeed hand-off to the match queue', () => {
  const prefix = randomPrefix('handoff');
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('marks nothing when the hand-off fails, so the next poll offers the items again', async () => {
    const url = await feedFile(['One', 'Two']);
    let now = Date.now();
    const feed = { name: 'f', url, interval: 1000 };
    const deps = (next: PollDeps['next']): PollDeps => ({
      redis,
      prefix,
      defaults,
      clock: { now: () => now },
      next,
    });
    await expect(
      pollFeed(deps(queueThat(() => Promise.reject(new Error('queue down')))), feed),
    ).rejects.toThrow('queue down');

    now += 120_000; // past any backoff
    const offered: string[] = [];
    const second = await pollFeed(
      deps(
        queueThat((titles) => {
          offered.push(...titles);
          return Promise.resolve();
        }),
      ),
      feed,
    );
    expect(second.status).toBe('new-items');
    expect(offered).toEqual(['One', 'Two']);

    now += 120_000;
    const third = await pollFeed(deps(queueThat(() => Promise.resolve())), feed);
    expect(third.status).toBe('no-new');
  });

  // Regression: with matching in the poll, a hand-off error that happened to be an SwError (the
  // matcher thread reporting one) was taken for the feed's own failure: the feed went into
  // backoff and its items waited out the backoff instead of a quick retry of the poll.
  it('fails the poll, not the feed, when the hand-off throws a coded error', async () => {
    const url = await feedFile(['Three']);
    const feed = { name: 'g', url, interval: 1000 };
    const deps = (next: PollDeps['next']): PollDeps => ({
      redis,
      prefix,
      defaults,
      clock: { now: () => Date.now() },
      next,
    });
    const coded = new SwError('WATCHLIST_INVALID', 'matcher could not compile');
    await expect(pollFeed(deps(queueThat(() => Promise.reject(coded))), feed)).rejects.toThrow(
      'matcher could not compile',
    );
    const state = await loadFeedState(redis, prefix, 'g');
    expect(state.consecutiveFailures).toBe(0);
    expect(state.backoffUntil).toBeUndefined();
    // Nothing was marked: an immediate retry offers the item again.
    const offered: string[] = [];
    const retry = await pollFeed(
      deps(
        queueThat((titles) => {
          offered.push(...titles);
          return Promise.resolve();
        }),
      ),
      feed,
    );
    expect(retry.status).toBe('new-items');
    expect(offered).toEqual(['Three']);
  });
});

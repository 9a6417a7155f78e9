import { describe, expect, it } from 'vitest';
import { matchJobId, matchJobs } from '../../../src/pipeline/match.js';
import type { FeedItem } from '../../../src/feeds/types.js';
import { MATCH_BATCH } from '../../../src/queues/registry.js';

const item = (i: number): FeedItem => ({
  key: `g${i}`,
  keySource: 'guid',
  title: `Story ${i}`,
  link: `https://example.org/${i}`,
  body: 'text',
});

describe('match job batching', () => {
  it('splits a poll into jobs of at most MATCH_BATCH items, in feed order, none lost', () => {
    const items = Array.from({ length: 2 * MATCH_BATCH + 3 }, (_, i) => item(i));
    const jobs = matchJobs({ feed: 'f', items, polledAt: 123 });
    expect(jobs.map((j) => j.data.items.length)).toEqual([MATCH_BATCH, MATCH_BATCH, 3]);
    expect(jobs.flatMap((j) => j.data.items)).toEqual(items);
    expect(jobs.every((j) => j.data.feed === 'f' && j.data.polledAt === 123)).toBe(true);
    expect(new Set(jobs.map((j) => j.opts.jobId)).size).toBe(3);
  });

  it('gives the same batch the same job id, so a re-offered poll adds nothing new', () => {
    const a = Array.from({ length: 5 }, (_, i) => item(i));
    expect(matchJobId(a)).toBe(matchJobId(a.map((x) => ({ ...x, title: 'edited' }))));
    expect(matchJobId(a)).not.toBe(matchJobId(a.slice(1)));
    expect(matchJobId(a)).not.toContain(':');
  });

  it('makes no job for a poll without new items', () => {
    expect(matchJobs({ feed: 'f', items: [], polledAt: 1 })).toEqual([]);
  });
});

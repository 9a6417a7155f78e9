import { describe, expect, it } from 'vitest';
import { planDeliveries } from '../../../src/pipeline/plan.js';
import type { ChannelConfig, RouteConfig } from '../../../src/config/schema.js';
import type { FeedItem } from '../../../src/feeds/types.js';
import type { MatchResult } from '../../../src/matching/index.js';

const item = (key: string, link?: string): FeedItem => ({
  key,
  keySource: 'guid',
  title: `Story ${key}`,
  body: '',
  ...(link ? { link } : {}),
});

const flagged = (categories: string[], score = 0.9): MatchResult => ({
  flagged: true,
  categories,
  score,
  matches: [],
  evidence: [],
});
const quiet: MatchResult = { flagged: false, categories: [], score: 0, matches: [], evidence: [] };

const channels = [
  { name: 'console', type: 'log' },
  { name: 'desk', type: 'email', smtp: 'smtp://x', from: 'a@b.c', to: ['d@e.f'] },
  { name: 'siem', type: 'webhook', url: 'https://siem.test/hook', secret: 's' },
] as unknown as ChannelConfig[];

const routes = [
  { categories: ['arms_transfer', 'un_violation'], channels: ['console', 'desk'], minScore: 0.5 },
  { categories: ['un_violation'], channels: ['siem'], minScore: 0.5 },
] as unknown as RouteConfig[];

const plan = (items: FeedItem[], results: MatchResult[]) =>
  planDeliveries({ feed: 'wire', items, results, routes, channels, now: new Date(0), polledAt: 1 });

describe('planDeliveries (which alerts, to which channels)', () => {
  it('plans nothing for items that are not flagged', () => {
    expect(plan([item('a')], [quiet])).toEqual({ flagged: [], deliveries: [] });
  });

  it('one alert per matching route, one delivery per channel of the route, on its queue', () => {
    const p = plan([item('a')], [flagged(['arms_transfer', 'un_violation'])]);
    expect(p.flagged).toHaveLength(1);
    expect(p.flagged[0].alerts).toHaveLength(2);
    expect(p.deliveries.map((d) => [d.queue, d.name])).toEqual([
      ['deliver-log', 'console'],
      ['deliver-email', 'desk'],
      ['deliver-webhook', 'siem'],
    ]);
  });

  it('routes by category: an arms transfer alone skips the UN-only route', () => {
    const p = plan([item('a')], [flagged(['arms_transfer'])]);
    expect(p.deliveries.map((d) => d.name)).toEqual(['console', 'desk']);
  });

  it('gives the same ids when the same story is planned twice (a retried poll adds nothing)', () => {
    const a = plan([item('a', 'https://n.test/1')], [flagged(['un_violation'])]);
    const b = plan([item('other-guid', 'https://n.test/1')], [flagged(['un_violation'])]);
    expect(a.deliveries.map((d) => d.opts.jobId)).toEqual(b.deliveries.map((d) => d.opts.jobId));
  });
});

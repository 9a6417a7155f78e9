import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alertId, buildAlerts, deliveryJobId } from '../../../src/alerts/route.js';
import {
  channelSchema,
  routeSchema,
  type ChannelConfig,
  type RouteConfig,
} from '../../../src/config/schema.js';
import { flaggedResult } from './fixtures.js';

const channels: ChannelConfig[] = [
  channelSchema.parse({ name: 'console', type: 'log' }),
  channelSchema.parse({
    name: 'siem',
    type: 'webhook',
    url: 'https://siem.example/hook',
    secret: 's',
  }),
];
const route = (r: Record<string, unknown>): RouteConfig => routeSchema.parse(r);
const item = { key: 'https://news.example/story', title: 'Parade', feed: 'a' };

describe('buildAlerts', () => {
  it('builds one alert per matching route, with the same id whatever the feed, time or retry', () => {
    const routes = [
      route({ categories: ['arms_transfer'], channels: ['console', 'siem', 'console'] }),
      route({ categories: ['un_violation'], channels: ['siem'] }),
    ];
    const first = buildAlerts({
      item,
      result: flaggedResult,
      routes,
      channels,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const again = buildAlerts({
      item: { ...item, feed: 'other-feed' },
      result: flaggedResult,
      routes,
      channels,
      now: new Date('2026-02-01T00:00:00Z'),
    });
    expect(first).toHaveLength(2);
    expect(first.map((r) => r.alert.id)).toEqual(again.map((r) => r.alert.id));
    expect(first[0].alert.id).not.toBe(first[1].alert.id);
    expect(first[0].alert.id).toMatch(/^a_[0-9a-f]{24}$/);
    expect(first[0].channels.map((c) => c.name)).toEqual(['console', 'siem']);
    expect(first[0].alert).toMatchObject({
      route: 0,
      categories: ['arms_transfer', 'un_violation'],
      score: 0.9,
      evidence: flaggedResult.evidence,
    });
  });

  it('selects routes by category, minimum score and watchlist', () => {
    const routes = [
      route({ categories: ['other'], channels: ['console'] }),
      route({ categories: ['arms_transfer'], channels: ['console'], minScore: 0.95 }),
      route({ categories: ['arms_transfer'], channels: ['console'], watchlists: ['nope'] }),
      route({
        categories: ['arms_transfer'],
        channels: ['console'],
        watchlists: ['people'],
        minScore: 0.9,
      }),
      route({ categories: ['arms_transfer'], channels: ['missing'] }),
    ];
    const out = buildAlerts({ item, result: flaggedResult, routes, channels, now: new Date() });
    expect(out.map((r) => r.alert.route)).toEqual([3]);
    expect(
      buildAlerts({
        item,
        result: { ...flaggedResult, flagged: false, categories: [] },
        routes,
        channels,
        now: new Date(),
      }),
    ).toEqual([]);
  });

  it('gives distinct ids to distinct stories and routes, and job ids without ":"', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(50), (a, b, r) => {
        expect(alertId(a, r)).toBe(alertId(a, r));
        if (a !== b) expect(alertId(a, r)).not.toBe(alertId(b, r));
        expect(alertId(a, r)).not.toBe(alertId(a, r + 1));
        expect(deliveryJobId(alertId(a, r), 'desk:x')).not.toContain(':');
      }),
    );
    expect(deliveryJobId('a_1', 'siem')).not.toBe(deliveryJobId('a_1', 'desk'));
  });
});

describe('routes that select by feed, feed tag and language', () => {
  const routes = [
    route({ categories: ['arms_transfer'], channels: ['console'], feeds: ['yonhap'] }),
    route({ categories: ['arms_transfer'], channels: ['console'], tags: ['dprk'] }),
    route({ categories: ['arms_transfer'], channels: ['siem'], languages: ['ko', 'ru'] }),
  ];
  const routed = (it: { feed: string; language?: string }, feedTags?: string[]) =>
    buildAlerts({
      item: { ...item, ...it },
      result: flaggedResult,
      routes,
      channels,
      now: new Date(),
      feedTags,
    }).map((r) => r.alert.route);

  it('sends an item only where every selector of the route holds', () => {
    expect(routed({ feed: 'yonhap', language: 'ko' }, ['dprk', 'korean'])).toEqual([0, 1, 2]);
    expect(routed({ feed: 'yonhap', language: 'en' })).toEqual([0]);
    expect(routed({ feed: 'nk-news', language: 'en' }, ['dprk'])).toEqual([1]);
    expect(routed({ feed: 'tass', language: 'ru' }, ['russia'])).toEqual([2]);
    // An item whose language is unknown matches no route that asks for languages.
    expect(routed({ feed: 'tass' })).toEqual([]);
  });

  it('refuses a language that is not an ISO 639-1 code', () => {
    expect(() => route({ categories: ['a'], channels: ['c'], languages: ['Korean'] })).toThrow(
      /ISO 639-1/,
    );
  });
});

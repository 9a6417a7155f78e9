import type { Alert } from '../../../src/alerts/types.js';
import type { MatchResult } from '../../../src/matching/types.js';

export const flaggedResult: MatchResult = {
  flagged: true,
  categories: ['arms_transfer', 'un_violation'],
  score: 0.9,
  matches: [
    {
      kind: 'entity',
      list: 'sanctioned-states',
      name: "Democratic People's Republic of Korea",
      text: 'North Korea',
      start: 0,
      end: 11,
    },
    {
      kind: 'entity',
      list: 'people',
      name: 'Sergei Shoigu',
      ref: 'X.1',
      text: 'Sergei Shoigu',
      start: 40,
      end: 53,
    },
  ],
  evidence: ['North Korea paraded ICBMs while Sergei Shoigu watched.'],
};

export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a_0123456789abcdef01234567',
    createdAt: '2026-01-02T03:04:05.000Z',
    route: 0,
    item: {
      key: 'k1',
      title: 'North Korea parades ICBMs',
      link: 'https://news.example/a?b=1&c=2',
      published: '2023-07-27T10:00:00.000Z',
      feed: 'un-news',
    },
    categories: ['arms_transfer', 'un_violation'],
    score: 0.93,
    matches: flaggedResult.matches,
    evidence: flaggedResult.evidence,
    ...overrides,
  };
}

import { describe, expect, it } from 'vitest';
import { loadConfigFromText } from '../../../src/config/load.js';
import { configWarnings } from '../../../src/sources/config-warnings.js';

const isDefault = async (text: string, env: Record<string, string> = {}) =>
  (await loadConfigFromText(`watchlists: []\n${text}`, { env })).redisUrlIsDefault;

describe('redisUrlIsDefault', () => {
  it('is true only when nobody chose the Redis URL', async () => {
    expect(await isDefault('')).toBe(true);
    expect(await isDefault("redis: { url: '${REDIS_URL:-redis://127.0.0.1:6379}' }")).toBe(true);
    expect(
      await isDefault("redis: { url: '${REDIS_URL:-redis://h:1}' }", { REDIS_URL: 'redis://x:2' }),
    ).toBe(false);
    expect(await isDefault('', { REDIS_URL: 'redis://x:2' })).toBe(false);
    expect(await isDefault("redis: { url: 'redis://127.0.0.1:6379' }")).toBe(false);
    expect(
      await isDefault("redis: { url: '${MY_REDIS:-redis://h:1}' }", { MY_REDIS: 'redis://x:2' }),
    ).toBe(false);
  });
});

describe('configWarnings', () => {
  it('warns on a minScore above every rule ceiling', async () => {
    const config = await loadConfigFromText(
      [
        'watchlists: []',
        'feeds: [{ name: f, url: "https://news.test/rss" }]',
        'channels: [{ name: c, type: log }]',
        'routes: [{ categories: [a], channels: [c], minScore: 0.9 }]',
      ].join('\n'),
    );
    const warnings = configWarnings(
      config,
      new Map([
        ['a', 0.8],
        ['b', 0.6],
      ]),
    );
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'routes[0].minScore: no rule can reach this route: minScore 0.9 is above the highest score the rules give (0.80)',
    ]);
    expect(
      configWarnings(
        config,
        new Map([
          ['a', 0.8],
          ['b', 0.95],
        ]),
      ),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfigFromText } from '../../../src/config/load.js';
import { routeProblems } from '../../../src/sources/route-check.js';

describe('route selectors checked against the config', () => {
  it('names a route feed or tag that no feed has, with a suggestion', async () => {
    const config = await loadConfigFromText(
      [
        'watchlists: []',
        'feeds:',
        '  - { name: yonhap-nk, url: "https://news.test/a", tags: [dprk, korean] }',
        '  - { name: tass, url: "https://news.test/b", tags: [russia] }',
        'channels: [{ name: c, type: log }]',
        'routes:',
        '  - { categories: [arms_transfer], channels: [c], feeds: [yonhap-nk, yonhap_nk], tags: [dprk, drpk] }',
      ].join('\n'),
    );
    const problems = routeProblems(config, ['arms_transfer'], []);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'routes[0].feeds[1]: unknown feed "yonhap_nk" (did you mean "yonhap-nk"?); known: yonhap-nk, tass',
      'routes[0].tags[1]: unknown feed tag "drpk" (did you mean "dprk"?); known: dprk, korean, russia',
    ]);
  });
});

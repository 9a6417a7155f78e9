import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir: string;

async function check(name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return { file, ...(await runCli(['check', '--config', file])) };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sw-check-warn-'));
  // A category whose only clause scores 0.3: below the default threshold of 0.5, it never fires.
  await writeFile(
    path.join(dir, 'weak.yaml'),
    'category: embargo_watch\nclauses:\n  - { name: weak, all: [arms], weight: 0.3 }\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FEED = 'feeds: [{ name: wire, url: "https://news.test/rss.xml" }]\nwatchlists: []\n';

describe('sanctionwatch check warnings (process)', () => {
  it('warns on no feeds, no channels and no routes, and exits 0', async () => {
    const r = await check('empty.yaml', 'watchlists: []\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(': OK');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${r.file}: feeds: warning: no feeds: nothing will be polled`,
      `${r.file}: channels: warning: no channels: alerts go nowhere`,
      `${r.file}: routes: warning: no routes: alerts are matched but sent to no channel`,
    ]);
  });

  it('warns on disabled feeds and on a channel no route uses', async () => {
    const r = await check(
      'unused.yaml',
      [
        'feeds: [{ name: wire, url: "https://news.test/rss.xml", enabled: false }]',
        'watchlists: []',
        'channels: [{ name: console, type: log }, { name: spare, type: log }]',
        'routes: [{ categories: [arms_transfer], channels: [console] }]',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${r.file}: feeds: warning: every feed is disabled: nothing will be polled`,
      `${r.file}: channels[1]: warning: no route sends to channel "spare"`,
    ]);
  });

  it('warns on a route whose categories no rule can bring to the threshold', async () => {
    const r = await check(
      'unreachable.yaml',
      [
        FEED,
        'detection: { rules: [weak.yaml] }',
        'channels: [{ name: console, type: log }]',
        'routes:',
        '  - { categories: [arms_transfer], channels: [console] }',
        '  - { categories: [embargo_watch], channels: [console] }',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${r.file}: routes[1].categories: warning: no rule can reach this route: embargo_watch score at most 0.30, below detection.threshold 0.5`,
    ]);
  });

  it('says nothing on stderr when every route can be reached', async () => {
    const r = await check(
      'fine.yaml',
      `${FEED}channels: [{ name: console, type: log }]\nroutes: [{ categories: [arms_transfer, un_violation], channels: [console], minScore: 0.9 }]\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

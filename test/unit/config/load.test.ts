import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSwError, type SwError } from '../../../src/errors.js';
import { loadConfig, loadConfigFromText } from '../../../src/config/load.js';
import { loadWatchlistFiles } from '../../../src/sources/watchlists.js';
import type { ConfigProblem } from '../../../src/config/problems.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sw-config-'));
  file = path.join(dir, 'sanctionwatch.yaml');
  await mkdir(path.join(dir, 'watchlists'));
  await writeFile(
    path.join(dir, 'watchlists', 'states.yaml'),
    'name: states\nentries:\n  - { name: Russia, kind: state }\n',
  );
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VALID = `
redis: { url: "\${REDIS_URL:-redis://127.0.0.1:6379}", prefix: test }
feeds:
  - { name: un-news, url: "https://news.un.org/feed/rss.xml", interval: 1s }
  - { name: local, url: "file:///tmp/feed.xml" }
channels:
  - { name: console, type: log }
  - { name: siem, type: webhook, url: "\${SIEM_URL}", secret: "\${SIEM_SECRET}" }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console, siem] }
`;

const ENV = { SIEM_URL: 'https://siem.example/hook', SIEM_SECRET: 's3cret' };

async function problemsOf(
  text: string,
  env: Record<string, string> = ENV,
): Promise<ConfigProblem[]> {
  const err = await loadConfigFromText(text, { file, env }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isSwError(err, 'CONFIG_INVALID')).toBe(true);
  const problems = (err as SwError).details!.problems as ConfigProblem[];
  expect((err as SwError).message.split('\n')).toHaveLength(problems.length);
  return problems;
}

/** `expect.stringContaining`, typed for use inside objects. */
function like(text: string): string {
  return expect.stringContaining(text) as string;
}

function paths(problems: ConfigProblem[]): string[] {
  return problems.map((p) => p.path);
}

describe('loadConfigFromText', () => {
  it('applies defaults, fills placeholders, resolves paths and freezes the result', async () => {
    const config = await loadConfigFromText(VALID, { file, env: ENV });
    expect(config.redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: 'test',
      cluster: false,
    });
    expect(config.feeds[0].interval).toBe(1000);
    expect(config.feeds[1].interval).toBe(300_000);
    expect(config.maxItemAge).toBe(7 * 86_400_000);
    expect(config.channels[1]).toMatchObject({
      url: 'https://siem.example/hook',
      secret: 's3cret',
    });
    expect(config.configPath).toBe(file);
    expect(config.baseDir).toBe(dir);
    expect(config.dataDir).toBe(path.join(dir, 'data'));
    expect(config.channels[0]).toMatchObject({
      type: 'log',
      file: path.join(dir, 'data', 'alerts.jsonl'),
    });
    expect(config.watchlistFiles).toEqual([path.join(dir, 'watchlists', 'states.yaml')]);
    expect(config.watchlists).toEqual([path.join(dir, 'watchlists', '*.yaml')]);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.feeds[0])).toBe(true);
    expect(() => {
      (config.redis as { prefix: string }).prefix = 'x';
    }).toThrow(TypeError);
  });

  it('takes environment values over defaults, and a default for an empty value', async () => {
    const config = await loadConfigFromText(VALID, {
      file,
      env: { ...ENV, REDIS_URL: 'redis://:pw@redis:6380' },
    });
    expect(config.redis.url).toBe('redis://:pw@redis:6380');
    const empty = await loadConfigFromText(VALID, { file, env: { ...ENV, REDIS_URL: '' } });
    expect(empty.redis.url).toBe('redis://127.0.0.1:6379');
  });

  it('types an unquoted placeholder by its value and keeps a quoted one a string', async () => {
    const text = 'http:\n  port: ${PORT:-8080}\nredis:\n  prefix: "${PREFIX}"\n';
    const config = await loadConfigFromText(text, { file, env: { PORT: '0', PREFIX: '123' } });
    expect(config.http.port).toBe(0);
    expect(config.redis.prefix).toBe('123');
  });

  it('never lets a value from the environment change the YAML structure', async () => {
    const text = 'redis:\n  prefix: ${PREFIX}\n';
    const config = await loadConfigFromText(text, {
      file,
      env: { PREFIX: 'a\nurl: redis://evil:1' },
    });
    expect(config.redis.prefix).toBe('a\nurl: redis://evil:1');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
  });

  it('names an unset variable without default and where it is used', async () => {
    const problems = await problemsOf(VALID, { SIEM_URL: 'https://siem.example/hook' });
    expect(problems).toEqual([
      {
        file,
        path: 'channels[1].secret',
        message: like('SIEM_SECRET is not set'),
      },
    ]);
  });

  it('reports a bad URL by path', async () => {
    const problems = await problemsOf(
      VALID.replace('https://news.un.org/feed/rss.xml', 'news.un.org/feed'),
    );
    expect(paths(problems)).toEqual(['feeds[0].url']);
    expect(problems[0].message).toMatch(/^invalid URL/);
  });

  it('rejects a feed URL of another scheme', async () => {
    expect(
      paths(await problemsOf(VALID.replace('file:///tmp/feed.xml', 'ftp://example.org/x'))),
    ).toEqual(['feeds[1].url']);
  });

  it('reports a bad interval and an interval below 1s', async () => {
    const bad = await problemsOf(VALID.replace('interval: 1s', 'interval: often'));
    expect(bad).toEqual([
      {
        file,
        path: 'feeds[0].interval',
        message: like('invalid duration "often"'),
      },
    ]);
    const fast = await problemsOf(VALID.replace('interval: 1s', 'interval: 500ms'));
    expect(fast).toEqual([
      { file, path: 'feeds[0].interval', message: like('below the minimum 1s') },
    ]);
  });

  it('reports an unknown channel type', async () => {
    const problems = await problemsOf(
      VALID.replace('{ name: console, type: log }', '{ name: console, type: sms }'),
    );
    expect(problems).toEqual([
      { file, path: 'channels[0].type', message: like('unknown type "sms"') },
    ]);
  });

  it('reports a route to a missing channel', async () => {
    const problems = await problemsOf(
      VALID.replace('channels: [console, siem]', 'channels: [console, desk]'),
    );
    expect(problems).toEqual([
      {
        file,
        path: 'routes[0].channels[1]',
        message: like('unknown channel "desk"'),
      },
    ]);
  });

  it('reports each unknown key by name, at any depth', async () => {
    const problems = await problemsOf(
      `${VALID}\ncolour: red\n`.replace('prefix: test', 'prefix: test, pasword: x'),
    );
    expect(paths(problems).sort()).toEqual(['colour', 'redis.pasword']);
    expect(problems.every((p) => p.message === 'unknown key')).toBe(true);
  });

  it('reports duplicate feed and channel names', async () => {
    const text = VALID.replace('name: local', 'name: un-news')
      .replace('name: siem', 'name: console')
      .replace('[console, siem]', '[console]');
    const problems = await problemsOf(text);
    expect(paths(problems)).toEqual(['feeds[1].name', 'channels[1].name']);
    expect(problems[0].message).toContain('duplicate feed name "un-news"');
  });

  it('requires auth when the HTTP server listens beyond loopback', async () => {
    const problems = await problemsOf(`${VALID}\nhttp: { host: 0.0.0.0 }\n`);
    expect(paths(problems)).toEqual(['http.auth']);
    await expect(
      loadConfigFromText(`${VALID}\nhttp: { host: 0.0.0.0, auth: { user: ops, password: pw } }\n`, {
        file,
        env: ENV,
      }),
    ).resolves.toBeDefined();
    await expect(
      loadConfigFromText(`${VALID}\nhttp: { host: "::1" }\n`, { file, env: ENV }),
    ).resolves.toBeDefined();
  });

  it('requires a hash-tagged prefix on Redis Cluster', async () => {
    const problems = await problemsOf(VALID.replace('prefix: test', 'prefix: test, cluster: true'));
    expect(problems).toEqual([{ file, path: 'redis.prefix', message: like('no hash tag') }]);
    const tagged = VALID.replace('prefix: test', 'prefix: "{test}", cluster: true');
    const config = await loadConfigFromText(tagged, { file, env: ENV });
    expect(config.redis).toMatchObject({ prefix: '{test}', cluster: true });
    expect(config.redisUrlIsDefault).toBe(false);
    expect(
      paths(await problemsOf(VALID.replace('prefix: test', 'prefix: "{}x", cluster: true'))),
    ).toEqual(['redis.prefix']);
  });

  it('reports a glob that matches nothing, and expands ** globs', async () => {
    const problems = await problemsOf(`${VALID}\nwatchlists: ["lists/*.yaml"]\n`);
    expect(problems).toEqual([{ file, path: 'watchlists[0]', message: like('matches no file') }]);
    await mkdir(path.join(dir, 'rules', 'deep'), { recursive: true });
    await writeFile(path.join(dir, 'rules', 'deep', 'b.yaml'), 'x: 1\n');
    await writeFile(path.join(dir, 'rules', 'a.yaml'), 'x: 1\n');
    await writeFile(path.join(dir, 'rules', 'a.txt'), 'x\n');
    const config = await loadConfigFromText(
      `${VALID}\ndetection: { rules: ["rules/**/*.yaml"] }\n`,
      { file, env: ENV },
    );
    expect(config.ruleFiles).toEqual([
      path.join(dir, 'rules', 'a.yaml'),
      path.join(dir, 'rules', 'deep', 'b.yaml'),
    ]);
  });

  it('reports every problem at once, each with file and path', async () => {
    const text = `
redis: { url: "localhost:6379" }
feeds:
  - { name: a, url: "https://example.org/rss", interval: 5m }
  - { name: b, url: "https://example.org/rss", interval: 5m }
  - { name: c, url: "not a url", interval: 5m }
  - { name: d, url: "https://example.org/rss", interval: soon }
channels:
  - { name: console, type: log, colour: red }
  - { name: pager, type: pager }
routes:
  - { categories: [arms_transfer], channels: [console, desk] }
`;
    const problems = await problemsOf(text);
    expect(paths(problems).sort()).toEqual(
      [
        'redis.url',
        'feeds[2].url',
        'feeds[3].interval',
        'channels[0].colour',
        'channels[1].type',
        'routes[0].channels[1]',
      ].sort(),
    );
    const err = await loadConfigFromText(text, { file, env: ENV }).catch((e: Error) => e);
    expect((err as Error).message).toContain(`${file}: feeds[2].url: invalid URL`);
  });

  it('locates a YAML syntax error by line', async () => {
    const problems = await problemsOf('feeds:\n  - { name: a\nchannels: []\n');
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toMatch(/^line \d+, column \d+$/);
  });
});

describe('loadConfig', () => {
  it('reads the file and reports an unreadable one as CONFIG_UNREADABLE', async () => {
    await writeFile(file, VALID);
    const config = await loadConfig(file, ENV);
    expect(config.feeds.map((f) => f.name)).toEqual(['un-news', 'local']);
    const err = await loadConfig(path.join(dir, 'missing.yaml'), {}).catch((e: unknown) => e);
    expect(isSwError(err, 'CONFIG_UNREADABLE')).toBe(true);
  });
});

describe('loadWatchlistFiles', () => {
  it('loads every matched file', async () => {
    const config = await loadConfigFromText(VALID, { file, env: ENV });
    const lists = await loadWatchlistFiles(config.watchlistFiles);
    expect(lists).toEqual([
      expect.objectContaining({
        name: 'states',
        entries: [expect.objectContaining({ name: 'Russia' })],
      }),
    ]);
  });

  it('reports every problem with file and path, and duplicate list names', async () => {
    const bad = path.join(dir, 'watchlists', 'bad.yaml');
    const dup = path.join(dir, 'watchlists', 'zz.yaml');
    await writeFile(
      bad,
      'name: bad\nentries:\n  - { name: X, kind: planet }\n  - { kind: state, alias: [Y] }\n',
    );
    await writeFile(dup, 'name: states\nentries: []\n');
    const config = await loadConfigFromText(VALID, { file, env: ENV });
    const err = (await loadWatchlistFiles(config.watchlistFiles).catch(
      (e: unknown) => e,
    )) as SwError;
    expect(isSwError(err, 'WATCHLIST_INVALID')).toBe(true);
    const problems = err.details!.problems as ConfigProblem[];
    expect(problems.map((p) => `${path.basename(p.file)}: ${p.path}`).sort()).toEqual(
      [
        'bad.yaml: entries[0].kind',
        'bad.yaml: entries[1].name',
        'bad.yaml: entries[1].alias',
        'zz.yaml: name',
      ].sort(),
    );
  });
});

describe('the shipped config', () => {
  const shipped = path.resolve(import.meta.dirname, '../../../config/sanctionwatch.yaml');

  it('stays valid with every commented example feed turned on, each with its language tag', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = (await readFile(shipped, 'utf8')).replace(
      /^ {2}# (- \{ name: [a-z0-9-]+, url:)/gmu,
      '  $1',
    );
    const config = await loadConfigFromText(text, { file: shipped, env: {} });
    const languages = new Set(config.feeds.flatMap((f) => f.tags ?? []));
    for (const lang of ['ru', 'uk', 'ko', 'zh', 'ar', 'fr', 'es', 'de'])
      expect(languages, lang).toContain(lang);
  });
});

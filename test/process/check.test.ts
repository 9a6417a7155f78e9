import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const check = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['check', ...args], { env });

const VALID = `
redis: { url: "\${REDIS_URL:-redis://127.0.0.1:6379}" }
feeds:
  - { name: un-news, url: "https://news.un.org/feed/rss.xml", interval: 5m }
  - { name: local, url: "file:///tmp/feed.xml", interval: 1s, enabled: false }
watchlists: ["watchlists/*.yaml"]
channels:
  - { name: console, type: log }
  - { name: desk, type: email, smtp: "\${SMTP_URL:-smtp://127.0.0.1:1025}", from: "sw@example.org", to: ["desk@example.org"] }
  - { name: siem, type: webhook, url: "https://siem.example/hook", secret: "\${SIEM_SECRET:-dev}" }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console, desk] }
  - { categories: [arms_transfer], channels: [siem] }
`;

let dir: string;

async function configFile(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sw-check-'));
  await mkdir(path.join(dir, 'watchlists'));
  await writeFile(
    path.join(dir, 'watchlists', 'states.yaml'),
    'name: states\nentries:\n  - { name: Russia, kind: state }\n  - { name: "Democratic People\'s Republic of Korea", kind: state, aliases: [North Korea, DPRK] }\n',
  );
  await writeFile(
    path.join(dir, 'watchlists', 'weapons.yaml'),
    'name: weapons\nentries:\n  - { name: Hwasong-17, kind: weapon_system }\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sanctionwatch check (process)', { timeout: 60_000 }, () => {
  it('exits 0 and prints a summary on a valid config', async () => {
    const r = await check(['--config', await configFile('valid.yaml', VALID)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('feeds: 2 (1 enabled)');
    expect(r.stdout).toContain('watchlists: 2 with 3 entries (2 files)');
    expect(r.stdout).toContain('channels: 3 (log: 1, email: 1, webhook: 1)');
    expect(r.stdout).toContain('routes: 2');
    // Each section lists what it holds, so a misnamed list or channel shows before the daemon runs.
    expect(r.stdout).toContain('  local  every 1s  file:///tmp/feed.xml  (disabled)');
    expect(r.stdout).toContain('  states  2 entries');
    expect(r.stdout).toContain('  siem  webhook');
    expect(r.stdout).toContain('  arms_transfer, un_violation → console, desk');
  });

  it('exits 2 naming every problem by file and path, without a stack', async () => {
    const bad = VALID.replace('https://news.un.org/feed/rss.xml', 'news.un.org/feed')
      .replace('interval: 1s', 'interval: every-so-often')
      .replace(
        '{ name: console, type: log }',
        '{ name: console, type: log }\n  - { name: pager, type: pager }',
      )
      .replace('channels: [siem]', 'channels: [siem, chat]')
      .replace('redis: {', 'colour: red\nredis: {');
    const file = await configFile('bad.yaml', bad);
    const r = await check(['--config', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    for (const expected of [
      `${file}: feeds[0].url: invalid URL`,
      `${file}: feeds[1].interval: invalid duration`,
      `${file}: channels[1].type: unknown type "pager"`,
      `${file}: routes[1].channels[1]: unknown channel "chat"`,
      `${file}: colour: unknown key`,
    ]) {
      expect(
        lines.some((l) => l.startsWith(expected)),
        `${expected}\n${r.stderr}`,
      ).toBe(true);
    }
    expect(lines.at(-1)).toBe('sanctionwatch: 5 problems found');
    expect(r.stderr).not.toContain('    at ');
  });

  it('exits 2 on an unset variable and an invalid watchlist, naming the path', async () => {
    const unset = await check(
      [
        '--config',
        await configFile('unset.yaml', VALID.replace('${SIEM_SECRET:-dev}', '${SIEM_SECRET}')),
      ],
      {
        SIEM_SECRET: undefined,
      },
    );
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain(
      'channels[2].secret: environment variable SIEM_SECRET is not set',
    );

    const sub = path.join(dir, 'badlist');
    await mkdir(path.join(sub, 'watchlists'), { recursive: true });
    await writeFile(
      path.join(sub, 'watchlists', 'x.yaml'),
      'name: x\nentries:\n  - { name: X, kind: planet }\n',
    );
    const r = await check(['--config', await configFile(path.join('badlist', 'sw.yaml'), VALID)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(sub, 'watchlists', 'x.yaml')}: entries[0].kind:`);
    expect(r.stderr).not.toContain('    at ');
  });

  it('exits 2 with one line when the config file is missing', async () => {
    const r = await check(['--config', path.join(dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('nope.yaml');
  });

  it('accepts the shipped config with its watchlists', async () => {
    const r = await check([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/feeds: \d+/);
  });

  // Regression (issue 20): typos in a route passed check and silenced every alert of the route.
  it('exits 2 on a route naming an unknown category or watchlist, with a suggestion each', async () => {
    const file = await configFile(
      'typos.yaml',
      VALID.replace(
        '{ categories: [arms_transfer], channels: [siem] }',
        '{ categories: [arms_transfers, un-violation], watchlists: [statez], channels: [siem] }',
      ),
    );
    const r = await check(['--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /routes\[1\]\.categories\[0\]: unknown category "arms_transfers" \(did you mean "arms_transfer"\?\)/,
    );
    expect(r.stderr).toMatch(/routes\[1\]\.categories\[1\]: .*did you mean "un_violation"/);
    expect(r.stderr).toMatch(
      /routes\[1\]\.watchlists\[0\]: unknown watchlist "statez" \(did you mean "states"\?\)/,
    );
  });

  it('finds the config through SANCTIONWATCH_CONFIG from another folder, and prints the version', async () => {
    const file = await configFile('env.yaml', VALID);
    const r = await runCli(['check'], { env: { SANCTIONWATCH_CONFIG: file } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`config ${file}: OK`);
    const v = await runCli(['--version']);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

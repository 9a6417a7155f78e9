import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { refreshList } from '../../../src/lists/refresh.js';
import { watchWatchlists } from '../../../src/sources/watch.js';
import { importOpenSanctions } from '../../../src/lists/opensanctions.js';
import { watchlistSchema } from '../../../src/matching/watchlist-schema.js';
import type { ListSourceConfig } from '../../../src/config/schema.js';

const ftm = [
  {
    id: 'NK-1',
    schema: 'Person',
    properties: {
      name: ['Kim Jong Un'],
      alias: ['KIM Jong-un'],
      weakAlias: ['Kim'],
      topics: ['sanction'],
      nationality: ['kp'],
    },
  },
  {
    id: 'V-1',
    schema: 'Vessel',
    properties: { name: ['CHON MA SAN'], imoNumber: ['8660313'], topics: ['sanction'] },
  },
]
  .map((e) => JSON.stringify(e))
  .join('\n');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sw-lists-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importOpenSanctions', () => {
  it('maps names, weak aliases, topics, schema and IMO numbers', () => {
    const r = importOpenSanctions(`${ftm}\nnot json\n`);
    expect(r.warnings).toHaveLength(1);
    const kim = r.watchlist.entries.find((e) => e.ref === 'NK-1');
    expect(kim).toMatchObject({ kind: 'person', tags: ['sanction'], weakAliases: ['Kim'] });
    expect(kim!.aliases.map((a) => a.toLowerCase())).toContain('jong un kim');
    expect(r.watchlist.entries.find((e) => e.ref === 'V-1')).toMatchObject({
      kind: 'vessel',
      identifiers: ['IMO 8660313'],
    });
  });
});

describe('refreshList', () => {
  const source = (out: string): ListSourceConfig => ({
    type: 'opensanctions',
    url: 'https://lists.example/os.json',
    every: 86_400_000,
    out,
  });

  it('downloads, imports and swaps the file, then reports unchanged', async () => {
    const out = path.join(dir, 'os.yaml');
    const deps = { fetchBytes: () => Promise.resolve(Buffer.from(ftm)) };
    const first = await refreshList(source(out), deps);
    expect(first.status).toBe('updated');
    expect(watchlistSchema.parse(parse(await readFile(out, 'utf8'))).entries).toHaveLength(2);
    expect((await refreshList(source(out), deps)).status).toBe('unchanged');
    expect((await readdir(dir)).sort()).toEqual(['os.yaml']);
  });

  it('keeps the previous file when the download fails or is not a list', async () => {
    const out = path.join(dir, 'os.yaml');
    await writeFile(out, 'previous');
    const failed = await refreshList(source(out), {
      fetchBytes: () => Promise.reject(new Error('HTTP 503')),
    });
    expect(failed).toMatchObject({ status: 'kept', stage: 'download', reason: 'HTTP 503' });
    const garbage = await refreshList(source(out), {
      fetchBytes: () => Promise.resolve(Buffer.from('<html>oops</html>')),
    });
    expect(garbage).toMatchObject({ status: 'kept', stage: 'import' });
    expect(await readFile(out, 'utf8')).toBe('previous');
  });
});

describe('watchWatchlists', () => {
  it('reports a changed watchlist once, ignoring temp files', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFile(file, 'one');
    const calls: string[][] = [];
    const changed = new Promise<string[]>((resolve) => {
      const w = watchWatchlists(
        [file],
        (paths) => {
          calls.push(paths);
          w.close();
          resolve(paths);
        },
        { debounceMs: 100 },
      );
    });
    await writeFile(path.join(dir, '.a.yaml.123.tmp'), 'x');
    await writeFile(file, 'two');
    await writeFile(file, 'three');
    expect(await changed).toEqual([file]);
    expect(calls).toHaveLength(1);
  });
});

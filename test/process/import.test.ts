import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutShared } from '../helpers/config.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const lists = path.resolve(repoRoot, '../shared/corpus/lists');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'bin/sanctionwatch.js'), ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sw-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(withoutShared('import: the official lists'))(
  'sanctionwatch import',
  { timeout: 120_000 },
  () => {
    it('imports the UN and OFAC lists into watchlists that check accepts', async () => {
      const un = run(
        'import',
        'un',
        path.join(lists, 'un-consolidated.xml'),
        '--out',
        path.join(dir, 'un.yaml'),
      );
      expect(un.status, un.stderr).toBe(0);
      expect(un.stdout).toMatch(
        /un-consolidated: 1003 records, .* names, \d+ weak aliases, .* \d+ skipped/u,
      );
      const ofac = run(
        'import',
        'ofac',
        path.join(lists, 'ofac-sdn.csv'),
        '--aliases',
        path.join(lists, 'ofac-alt.csv'),
        '--out',
        path.join(dir, 'ofac.yaml'),
      );
      expect(ofac.status, ofac.stderr).toBe(0);
      expect(ofac.stdout).toMatch(/ofac-sdn: 7379 records/u);

      // A config file named .yml so the "*.yaml" glob only picks up the watchlists.
      await writeFile(path.join(dir, 'config.yml'), 'watchlists: ["*.yaml"]\nfeeds: []\n');
      const check = run('check', '--config', path.join(dir, 'config.yml'));
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(check.stdout).toMatch(/watchlists: 2 with 8382 entries/u);
    });

    it('writes the same bytes twice', async () => {
      const a = path.join(dir, 'a.out');
      const b = path.join(dir, 'b.out');
      expect(run('import', 'un', path.join(lists, 'un-consolidated.xml'), '--out', a).status).toBe(
        0,
      );
      expect(run('import', 'un', path.join(lists, 'un-consolidated.xml'), '--out', b).status).toBe(
        0,
      );
      expect(await readFile(a, 'utf8')).toBe(await readFile(b, 'utf8'));
    });

    it('warns about orphan aliases of another vintage', () => {
      const r = run(
        'import',
        'ofac',
        path.join(lists, 'ofac-sdn-2024-05-03.csv'),
        '--aliases',
        path.join(lists, 'ofac-alt.csv'),
        '--out',
        path.join(dir, 'o24.out'),
      );
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(
        /^warning: ofac: 425 alias\(es\) for ent_num not in the SDN file skipped/mu,
      );
    });

    it('exits 2 with one line for an unknown type, a missing file or the wrong kind of file', () => {
      for (const args of [
        ['import', 'xx', 'f', '--out', path.join(dir, 'x')],
        ['import', 'un', path.join(dir, 'missing.xml'), '--out', path.join(dir, 'x')],
        ['import', 'un', path.join(lists, 'ofac-alt.csv'), '--out', path.join(dir, 'x')],
      ]) {
        const r = run(...args);
        expect(r.status).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
    });
  },
);

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';
import type { EvalReport } from '../../src/matching/evaluation.js';

let dir: string;
const item = (id: string, title: string, flag: boolean, categories: string[]) =>
  JSON.stringify({ id, title, summary: '', flag, categories });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sw-eval-'));
  await writeFile(
    path.join(dir, 'set.jsonl'),
    [
      item('a', 'Belarus supplied rifles to the militia', true, ['arms_transfer']),
      item('b', 'Liverpool agree transfer fee for striker', false, []),
      item('c', 'Iran violated resolution 2231 by shipping drones to Russia', true, [
        'arms_transfer',
        'un_violation',
      ]),
      item('d', 'Markets rally on rate cut hopes', true, ['un_violation']),
    ].join('\n'),
  );
  await writeFile(path.join(dir, 'bad.jsonl'), '{"title": 1}\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sanctionwatch eval', () => {
  it('prints precision, recall and F1 overall and per category, and the misses', async () => {
    const r = await run(['eval', '--show-misses', path.join(dir, 'set.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/flagged \(any\)\s+1\.000\s+0\.667\s+0\.800/);
    expect(r.stdout).toMatch(/arms_transfer\s+1\.000\s+1\.000\s+1\.000/);
    expect(r.stdout).toMatch(/un_violation\s+1\.000\s+0\.500\s+0\.667/);
    expect(r.stdout).toMatch(/FN un_violation\s+d\b/);
  });

  it('prints JSON on request', async () => {
    const r = await run(['eval', '--format', 'json', path.join(dir, 'set.jsonl')]);
    const report = JSON.parse(r.stdout) as EvalReport;
    expect(report.items).toBe(4);
    expect(report.categories.arms_transfer).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  it('prints several sets side by side, one column each', async () => {
    const r = await run(['eval', path.join(dir, 'set.jsonl'), path.join(dir, 'set.jsonl')]);
    expect(r.code).toBe(0);
    const [head, , flagged] = r.stdout.split('\n');
    expect(head.match(/set \(4\)/g)).toHaveLength(2);
    expect(flagged).toMatch(/flagged \(any\)\s+1\.000 0\.667 0\.800\s+1\.000 0\.667 0\.800/);
  });

  it('scores train, holdout and dev when given no file', async () => {
    const r = await run(['eval']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/train \(\d+\)\s+holdout \(\d+\)/);
  });

  it('exits 2 naming the bad line of a malformed file', async () => {
    const r = await run(['eval', path.join(dir, 'bad.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.jsonl:1');
  });
});

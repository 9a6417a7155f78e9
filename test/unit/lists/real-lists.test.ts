import path from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { importList, importToYaml } from '../../../src/lists/import-list.js';
import { importUn } from '../../../src/lists/un.js';
import { watchlistSchema, type Watchlist } from '../../../src/matching/watchlist-schema.js';
import { parse } from 'yaml';
import { describeWithShared } from '../../helpers/config.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const lists = path.resolve(repoRoot, '../shared/corpus/lists');
const read = (f: string) => readFileSync(path.join(lists, f));

const allNames = (w: Watchlist) =>
  w.entries.flatMap((e) => [e.name, ...e.aliases, ...e.weakAliases]);
const entry = (w: Watchlist, ref: string) => w.entries.find((e) => e.ref === ref);
const TRAP = 'korea mining development institute';

describeWithShared('lists: UN consolidated list', 'UN consolidated list', () => {
  const { yaml, result } = importToYaml('un', { main: read('un-consolidated.xml') });

  it('gives a watchlist the schema accepts, with every record', () => {
    const parsed = watchlistSchema.parse(parse(yaml));
    expect(parsed.name).toBe('un-consolidated');
    expect(result.stats.records).toBe(1003);
    expect(parsed.entries).toHaveLength(1003);
    expect(parsed.entries.filter((e) => e.kind === 'person')).toHaveLength(730);
  });

  it('has KPe.001 with Changgwang Sinyong Corporation and the unquoted KOMID', () => {
    const e = entry(result.watchlist, 'KPe.001');
    expect(e?.program).toBe('DPRK');
    const names = [e!.name, ...e!.aliases].map((n) => n.toLowerCase());
    expect(names).toContain('changgwang sinyong corporation');
    expect(names).toContain('komid');
  });

  it('has KPi.001 with Yun Ho-chin and its variants', () => {
    const e = entry(result.watchlist, 'KPi.001');
    const names = [e!.name, ...e!.aliases].map((n) => n.toLowerCase());
    expect(names).toEqual(expect.arrayContaining(['yun ho-chin', 'ho-jin yun', 'ho chin yun']));
  });

  it('keeps the names the UN gives in Arabic and Cyrillic script', () => {
    const scripts = allNames(result.watchlist).filter((n) =>
      /[\p{Script=Arabic}\p{Script=Cyrillic}]/u.test(n),
    );
    expect(scripts.length).toBeGreaterThanOrEqual(370);
  });

  it('does not contain the trap name', () => {
    expect(allNames(result.watchlist).map((n) => n.toLowerCase())).not.toContain(TRAP);
  });

  it('trims references and keeps Low-quality aliases weak only', () => {
    for (const e of result.watchlist.entries) expect(e.ref).toBe(e.ref?.trim());
    const weak = result.watchlist.entries.flatMap((e) => e.weakAliases);
    expect(weak.length).toBeGreaterThan(600);
    for (const e of result.watchlist.entries) {
      for (const w of e.weakAliases) expect(e.aliases).not.toContain(w);
    }
  });

  it('never leaves quotes, short or generic names as strong aliases', () => {
    for (const e of result.watchlist.entries) {
      for (const a of e.aliases) {
        expect(a).not.toMatch(/["\u201C\u201D]/u);
        expect((a.match(/[\p{L}\p{N}]/gu) ?? []).length).toBeGreaterThan(3);
      }
    }
  });

  it('is deterministic: importing twice gives the same bytes', () => {
    expect(importToYaml('un', { main: read('un-consolidated.xml') }).yaml).toBe(yaml);
  });
});

describeWithShared('lists: UN XML safety', 'UN XML safety', () => {
  it('refuses a DOCTYPE with entities', () => {
    const hostile =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&a;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>';
    expect(() => importUn(hostile)).toThrow(expect.objectContaining({ code: 'LIST_IMPORT' }));
  });
  it('refuses a file without records', () => {
    expect(() => importUn('<foo/>')).toThrow(expect.objectContaining({ code: 'LIST_IMPORT' }));
  });
});

describeWithShared('lists: OFAC SDN with alternate names', 'OFAC SDN with alternate names', () => {
  const { yaml, result } = importToYaml('ofac', {
    main: read('ofac-sdn.csv'),
    aliases: read('ofac-alt.csv'),
  });

  it('gives a watchlist the schema accepts', () => {
    const parsed = watchlistSchema.parse(parse(yaml));
    expect(parsed.name).toBe('ofac-sdn');
    expect(result.stats.records).toBe(parsed.entries.length);
  });

  it('joins aliases and unquotes remarks aliases', () => {
    const komid = entry(result.watchlist, 'OFAC-9345');
    expect(komid?.aliases).toEqual(
      expect.arrayContaining(['CHANGGWANG SINYONG CORPORATION', 'KOMID']),
    );
  });

  it('keeps vessels with IMO numbers', () => {
    const vessels = result.watchlist.entries.filter((e) => e.kind === 'vessel');
    expect(vessels.length).toBeGreaterThan(300);
    expect(
      vessels.filter((v) => v.identifiers.some((i) => /^IMO \d{7}$/u.test(i))).length,
    ).toBeGreaterThan(200);
  });

  it('does not contain the trap name and is deterministic', () => {
    expect(allNames(result.watchlist).map((n) => n.toLowerCase())).not.toContain(TRAP);
    expect(
      importToYaml('ofac', { main: read('ofac-sdn.csv'), aliases: read('ofac-alt.csv') }).yaml,
    ).toBe(yaml);
  });

  it('skips aliases of another vintage with a warning, not a crash', () => {
    const r = importList('ofac', {
      main: read('ofac-sdn-2024-05-03.csv'),
      aliases: read('ofac-alt.csv'),
    });
    expect(r.stats.records).toBe(14965);
    expect(r.warnings.some((w) => /not in the SDN file/u.test(w))).toBe(true);
  });
});

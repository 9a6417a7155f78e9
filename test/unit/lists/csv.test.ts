import { describe, expect, it } from 'vitest';
import { csvValue, parseCsv } from '../../../src/lists/csv.js';
import { importOfac, parseRemarks } from '../../../src/lists/ofac.js';

describe('parseCsv', () => {
  it('reads quoted fields, -0- placeholders and "" escapes', () => {
    const rows = parseCsv('306,"BANCO ""NACIONAL""",-0- ,"CUBA"\n');
    expect(rows).toEqual([['306', 'BANCO "NACIONAL"', '-0- ', 'CUBA']]);
    expect(csvValue(rows[0][2])).toBeUndefined();
    expect(csvValue(rows[0][3])).toBe('CUBA');
  });
  it('handles CRLF, commas and newlines in quotes, a trailing DOS EOF mark', () => {
    const rows = parseCsv('1,"A, B","x\ny"\r\n2,"C",-0- \r\n\u001A');
    expect(rows).toEqual([
      ['1', 'A, B', 'x\ny'],
      ['2', 'C', '-0- '],
    ]);
  });
  it('keeps a last line without newline and skips blank lines', () => {
    expect(parseCsv('1,a\n\n2,b')).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
  });
});

describe('parseRemarks', () => {
  it('finds a.k.a./f.k.a. names, including ones with apostrophes', () => {
    const r = parseRemarks(
      "DOB 09 Feb 1951; a.k.a. 'ABU-'UMAR'; f.k.a. 'SAND SWAN'; a.k.a. 'BNC'.",
    );
    expect(r.aliases).toEqual(["ABU-'UMAR", 'SAND SWAN', 'BNC']);
  });
  it('finds IMO numbers', () => {
    expect(
      parseRemarks('Vessel Registration Identification IMO 9187629; MMSI 572469210').imo,
    ).toEqual(['IMO 9187629']);
  });
});

describe('importOfac (small file)', () => {
  const sdn = [
    '10,"KIM, Jong Un","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Jan 1984"',
    '11,"ARTAVIL","vessel","IRAN",-0- ,"T2EU4","Crude Tanker","99,144","56,068","Iran",-0- ,"Vessel Registration Identification IMO 9187629."',
    '12,"GENERAL TRADING COMPANY LIMITED",-0- ,"SDGT] [SDT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'GTC\'."',
  ].join('\n');
  const alt = ['10,1,"aka","KIM, Jong-un",-0- ', '99,2,"aka","NOBODY",-0- '].join('\n');

  it('joins aliases on ent_num and warns about orphans', () => {
    const r = importOfac(sdn, alt);
    expect(r.warnings.join('\n')).toMatch(/1 alias.*99/u);
    expect(r.stats.skipped).toBe(1);
    const kim = r.watchlist.entries.find((e) => e.ref === 'OFAC-10');
    expect(kim?.kind).toBe('person');
    expect(kim?.name).toBe('KIM Jong Un');
    expect(kim?.program).toBe('DPRK3');
    expect([kim!.name, ...kim!.aliases].map((n) => n.toLowerCase())).toEqual(
      expect.arrayContaining(['kim jong-un', 'jong un kim']),
    );
  });
  it('keeps IMO numbers for vessels and splits programs', () => {
    const r = importOfac(sdn);
    const vessel = r.watchlist.entries.find((e) => e.ref === 'OFAC-11');
    expect(vessel).toMatchObject({ kind: 'vessel', identifiers: ['IMO 9187629'] });
    const gtc = r.watchlist.entries.find((e) => e.ref === 'OFAC-12');
    expect(gtc?.program).toBe('SDGT, SDT');
    expect(gtc?.aliases).toEqual([]);
    expect(gtc?.weakAliases).toEqual(['GTC']);
  });
});

import { describe, expect, it } from 'vitest';
import { importInThread } from '../../../src/app/list-importer.js';
import { importToYaml } from '../../../src/lists/import-list.js';

/** A UN consolidated list in the official shape with `n` individuals (names of our own). */
function unList(n: number): Buffer {
  const records: string[] = [];
  for (let i = 0; i < n; i++) {
    records.push(
      `<INDIVIDUAL><DATAID>${i}</DATAID><FIRST_NAME>TESTNAME${i}</FIRST_NAME>` +
        `<SECOND_NAME>EXAMPLE</SECOND_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>` +
        `<REFERENCE_NUMBER>KPi.${String(i).padStart(6, '0')}</REFERENCE_NUMBER>` +
        `<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>ALIAS ${i} OF TESTNAME</ALIAS_NAME></INDIVIDUAL_ALIAS>` +
        `</INDIVIDUAL>`,
    );
  }
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST><INDIVIDUALS>${records.join('\n')}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`,
  );
}

describe('official list import in a thread of its own', () => {
  it('gives the same watchlist as on the calling thread, and the event loop runs meanwhile', async () => {
    const bytes = unList(20_000);
    const expected = importToYaml('un', { main: bytes }, { source: 'test' });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      // The thread takes the bytes' memory: give it a copy.
      const out = await importInThread('un', { main: Buffer.from(bytes) }, { source: 'test' });
      expect(out.yaml).toBe(expected.yaml);
      expect(out.result.stats).toEqual(expected.result.stats);
    } finally {
      clearInterval(timer);
    }
    // The same import on the calling thread lets no timer run at all.
    expect(ticks).toBeGreaterThan(0);
  });

  it('rejects with the importer’s error code', async () => {
    const hostile = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><CONSOLIDATED_LIST/>',
    );
    await expect(importInThread('un', { main: hostile })).rejects.toMatchObject({
      code: 'LIST_IMPORT',
      message: expect.stringContaining('entities are not allowed') as unknown as string,
    });
  });
});

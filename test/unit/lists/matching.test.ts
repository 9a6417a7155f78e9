import path from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { importList } from '../../../src/lists/import-list.js';
import { compileMatcher } from '../../../src/matching/index.js';
import { describeWithShared } from '../../helpers/config.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const lists = path.resolve(repoRoot, '../shared/corpus/lists');
const read = (f: string) => readFileSync(path.join(lists, f));

describeWithShared('lists: imported lists in the matcher', 'imported lists in the matcher', () => {
  const un = importList('un', { main: read('un-consolidated.xml') }).watchlist;
  const ofac = importList('ofac', {
    main: read('ofac-sdn.csv'),
    aliases: read('ofac-alt.csv'),
  }).watchlist;
  const matcher = compileMatcher({ watchlists: [un, ofac] });
  const listMatches = (body: string) =>
    matcher
      .match({ title: 'Report', body })
      .matches.filter((m) => m.list === un.name || m.list === ofac.name);

  it('matches Changgwang Sinyong Corporation to KPe.001', () => {
    const refs = listMatches(
      'Shipments were arranged by Changgwang Sinyong Corporation last year.',
    ).map((m) => m.ref);
    expect(refs).toContain('KPe.001');
  });

  it('matches Yun Ho-chin to KPi.001', () => {
    const refs = listMatches('Officials named Yun Ho-chin as the buyer.').map((m) => m.ref);
    expect(refs).toContain('KPi.001');
  });

  it('matches nothing for Korea Mining Development Institute', () => {
    expect(
      listMatches('Researchers at the Korea Mining Development Institute published a survey.'),
    ).toEqual([]);
  });
});

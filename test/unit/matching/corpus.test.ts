import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeedSource } from '../../../src/feeds/source.js';
import { evaluateMatcher } from '../../../src/cli/commands/eval.js';
import { repoRoot, shippedMatcher } from './shipped.js';
import { sharedPresent, withoutShared } from '../../helpers/config.js';

const shared = path.resolve(repoRoot, '../shared');

describe.skipIf(withoutShared('matching: seed article'))('seed article', () => {
  const text = sharedPresent
    ? readFileSync(path.join(shared, 'seed/parade-article.txt'), 'utf8')
    : '\n';
  const nl = text.indexOf('\n');
  const r = shippedMatcher().match({
    title: text.slice(0, nl).trim(),
    body: text.slice(nl + 1).trim(),
  });

  it('is flagged as an arms transfer and a UN violation', () => {
    expect(r.categories).toEqual(['arms_transfer', 'un_violation']);
    expect(r.score).toBeGreaterThanOrEqual(0.5);
  });

  it('names North Korea, Russia and the Hwasong missiles', () => {
    const names = new Set(r.matches.map((m) => m.name));
    expect(names).toContain("Democratic People's Republic of Korea");
    expect(names).toContain('Russian Federation');
    expect(names).toContain('Hwasong-17');
    expect(names).toContain('Hwasong-18');
  });

  it('quotes the weapons-supply and the UN sanctions sentences', () => {
    expect(
      r.evidence.some((e) =>
        e.startsWith(
          'Russian defence minister Sergei Shoigu is believed to have sealed secret agreements for the supply of weapons',
        ),
      ),
    ).toBe(true);
    expect(r.evidence).toContain(
      'North Korea has been under UN sanctions for its missile and nuclear programs since 2006.',
    );
    expect(
      r.evidence.some((e) =>
        e.includes('flouts resolutions banning its nuclear and missile development'),
      ),
    ).toBe(true);
  });
});

describe.skipIf(withoutShared('matching: labelled dev set'))('labelled dev set', () => {
  const items = (sharedPresent ? readFileSync(path.join(shared, 'eval/dev.jsonl'), 'utf8') : '')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          id: string;
          title: string;
          summary: string;
          flag: boolean;
          categories: string[];
        },
    );
  const report = evaluateMatcher(shippedMatcher(), items);

  it('flags with precision and recall of at least 0.90', () => {
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['arms_transfer', 0.88],
    ['un_violation', 0.9],
  ])('scores F1 on %s of at least %d', (c, floor) => {
    expect(report.categories[c].f1).toBeGreaterThanOrEqual(floor);
  });
});

describe.skipIf(withoutShared('matching: ordinary news feeds'))('ordinary news feeds', () => {
  it('flags fewer than 1% of items', async () => {
    const root = path.join(shared, 'corpus/news-feeds');
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => {
        const p = path.join(d, f);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
    let items = 0;
    const flagged: string[] = [];
    for (const file of walk(root).filter((p) => /\.(xml|atom|rss|rdf)$/i.test(p))) {
      const feed = await readFeedSource(file).catch(() => undefined);
      for (const it of feed?.items ?? []) {
        items++;
        if (shippedMatcher().match({ title: it.title, body: it.body }).flagged)
          flagged.push(it.title);
      }
    }
    expect(items).toBeGreaterThan(800);
    expect(flagged.length / items, flagged.join('\n')).toBeLessThan(0.01);
  });
});

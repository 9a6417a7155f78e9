import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shippedMatcher } from './shipped.js';
import { tokenise } from '../../../src/matching/text.js';

const NAMES: [string, string][] = [
  ['North Korea', "Democratic People's Republic of Korea"],
  ['Hezbollah', 'Hezbollah'],
  ['Rosoboronexport', 'Rosoboronexport'],
  ['Shahed-136', 'Shahed-136 (Geran-2)'],
  ['Central African Republic', 'Central African Republic'],
];
const ACCENTS: Record<string, string> = { a: 'á', e: 'é', o: 'ö', u: 'ü', i: 'î', c: 'ç', n: 'ñ' };
const filler = fc
  .array(
    fc.constantFrom('the', 'report', 'said', 'on', 'Monday', 'officials', 'that', 'a', 'new'),
    { maxLength: 6 },
  )
  .map((w) => w.join(' '));

function names(text: string): string[] {
  return shippedMatcher()
    .match({ title: 'Report', body: text })
    .matches.filter((m) => m.kind === 'entity')
    .map((m) => m.name);
}

describe('name matching is insensitive to form', () => {
  const variant = fc.record({
    pick: fc.constantFrom(...NAMES),
    caseFlips: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    accents: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    breaks: fc.array(fc.constantFrom(' ', '\n', ' \n ', '\t', '\u00a0'), {
      minLength: 5,
      maxLength: 5,
    }),
    tag: fc.constantFrom(
      ['', ''],
      ['<b>', '</b>'],
      ['<a href="https://x.test/?a=1&amp;b=2">', '</a>'],
      ['&quot;', '&quot;'],
      ['“', '”'],
    ),
    before: filler,
    after: filler,
  });

  it('finds the name whatever its case, accents, line breaks and surrounding HTML', () => {
    fc.assert(
      fc.property(
        variant,
        ({ pick: [surface, name], caseFlips, accents, breaks, tag, before, after }) => {
          let k = 0;
          const varied = [...surface]
            .map((ch, i) => {
              let c = caseFlips[i]
                ? ch === ch.toLowerCase()
                  ? ch.toUpperCase()
                  : ch.toLowerCase()
                : ch;
              if (accents[i] && ACCENTS[c.toLowerCase()])
                c = c === c.toUpperCase() ? ACCENTS[c.toLowerCase()].toUpperCase() : ACCENTS[c];
              return c === ' ' ? breaks[k++ % breaks.length] : c;
            })
            .join('');
          const text = `${before} ${tag[0]}${varied}${tag[1]} ${after}`;
          const r = shippedMatcher().match({ title: 'Report', body: text });
          const m = r.matches.find((x) => x.name === name);
          expect(m, text).toBeDefined();
          // Offsets point at the name as it stood.
          expect(`Report\n\n${text}`.slice(m!.start, m!.end)).toBe(m!.text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not find a name split inside a word', () => {
    expect(names('Hezbollahs and NorthKorea')).not.toContain('Hezbollah');
    expect(names('NorthKorea')).toEqual([]);
  });
});

describe('tokenise', () => {
  it('maps decoded entities and folded text back to original offsets', () => {
    const text = 'Pr&eacute;sident Ｓhoigu&nbsp;visited <i>Pyongyang</i>.';
    const toks = tokenise(text).tokens;
    expect(toks.map((t) => t.norm)).toEqual(['president', 'shoigu', 'visited', 'pyongyang']);
    expect(toks.map((t) => text.slice(t.start, t.end))).toEqual([
      'Pr&eacute;sident',
      'Ｓhoigu',
      'visited',
      'Pyongyang',
    ]);
  });

  it('splits sentences on full stops before capitals, not after abbreviations', () => {
    const { sentences } = tokenise(
      'It hit Kharkiv on Jan. 2 at night. The U.S. said so; Seoul agreed.\n\nNew paragraph',
    );
    expect(sentences.length).toBe(4);
  });
});

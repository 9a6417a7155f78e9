import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/matching/index.js';
import { cats, shippedMatcher, shippedWatchlists } from './shipped.js';

describe('arms_transfer rule', () => {
  it.each([
    [
      'arms and a transfer predicate',
      'Belarus supplied rifles and mortar rounds to the militia last spring.',
    ],
    [
      'inflected predicate',
      'The firm is accused of smuggling anti-tank missiles across the border.',
    ],
    [
      'weapon system without the word arms',
      'Tehran delivered a batch of Shahed-136 to Moscow in March.',
    ],
    [
      'calibre shells',
      'Officials said 40,000 152 mm shells were shipped by rail from Belarus to the front.',
    ],
    ['arms in transit on a vessel', 'The dhow was carrying 900 AK-47s when sailors boarded it.'],
    [
      'foreign-made weapon',
      'Investigators identified the debris as a North Korean-made ballistic missile.',
    ],
    ['moved to a named party', 'Drone engines were moved into Yemen hidden among clothes.'],
    [
      'transfer named again',
      'The brigade fielded new Iranian Fath-360 missiles. US officials said the transfers began in May.',
    ],
  ])('%s', (_name, text) => {
    expect(cats(text)).toContain('arms_transfer');
  });

  it.each([
    [
      'football transfer window',
      'Chelsea sealed the transfer of their striker before the transfer window closed.',
    ],
    ['wire transfer', 'Fraudsters redirected wire transfers worth $2 million from the supplier.'],
    ['transfer of power', 'The junta promised a peaceful transfer of power to civilians.'],
    ['open arms', 'The village welcomed the refugees with open arms and delivered food parcels.'],
    [
      'arms-maker earnings',
      'The defence group raised its profit guidance after contracts to supply tanks and artillery.',
    ],
    ['domestic gun sales', 'Gun sales rose again as background checks for rifles hit a record.'],
    ['arms control', 'Moscow suspended the arms control treaty limiting missiles and warheads.'],
    [
      'parade without a transfer',
      'Tanks and ballistic missiles rolled through the square during the parade.',
    ],
    [
      'drills intercepting missiles',
      'The drills included training to detect and intercept cruise missiles.',
    ],
    ['people carried, not weapons', 'A bus carrying workers to an ammunition depot was ambushed.'],
  ])('not for %s', (_name, text) => {
    expect(cats(text)).not.toContain('arms_transfer');
  });
});

describe('un_violation rule', () => {
  it.each([
    [
      'violation of a resolution number',
      'The shipment contravenes resolution 1701, the envoy said.',
    ],
    ['UNSCR acronym', 'The launch was in breach of UNSCR 1718.'],
    [
      'Security Council resolutions',
      'Any launch using ballistic missile technology violates Security Council resolutions.',
    ],
    ['arms embargo breach', 'The cargo was seized in violation of the UN arms embargo on Libya.'],
    [
      'panel reports arms flows',
      'The Panel of Experts said weapons trafficking to the gangs continues unabated.',
    ],
    [
      'UN cap exceeded',
      'Russia shipped 200,000 barrels of refined petroleum, above the annual UN ceiling.',
    ],
    [
      'breach by a UN-sanctioned state',
      'North Korea exported coal in breach of sanctions, prosecutors said.',
    ],
  ])('%s', (_name, text) => {
    expect(cats(text)).toContain('un_violation');
  });

  it.each([
    [
      'General Assembly resolution',
      'The General Assembly adopted a resolution condemning the violation of territorial integrity.',
    ],
    ['doping violation', 'The skater was sanctioned for an anti-doping rule violation.'],
    ['unilateral sanctions evasion', 'The tanker evaded US sanctions on Venezuelan oil.'],
    ['designation only', 'The Treasury sanctioned three Hezbollah financiers.'],
    [
      'lifting a regime',
      'The Council ended the arms embargo and disbanded the Panel of Experts after the violations stopped.',
    ],
    [
      'resolution without a breach',
      'The Security Council adopted resolution 2242 on women, peace and security.',
    ],
  ])('not for %s', (_name, text) => {
    expect(cats(text)).not.toContain('un_violation');
  });
});

describe('results', () => {
  it('reports matches with list, name, text and offsets into the plain text', () => {
    const input = {
      title: 'Pyongyang ships shells',
      body: 'North Korea shipped 152 mm shells to Russia.',
    };
    const r = shippedMatcher().match(input);
    const plain = `${input.title}\n\n${input.body}`;
    const nk = r.matches.filter((m) => m.name === "Democratic People's Republic of Korea");
    expect(nk.map((m) => m.text)).toEqual(['Pyongyang', 'North Korea']);
    for (const m of r.matches) expect(plain.slice(m.start, m.end)).toBe(m.text);
    expect(
      r.matches.some((m) => m.list === 'supplier-parties' && m.name === 'Russian Federation'),
    ).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(0.5);
    expect(r.evidence).toContain('North Korea shipped 152 mm shells to Russia.');
    expect(r.reasons?.arms_transfer?.length).toBeGreaterThan(0);
  });

  it('names the regime of a cited resolution', () => {
    const r = shippedMatcher().match({
      title: 'Iran and Russia violated resolution 2231, envoy says',
      body: '',
    });
    expect(
      r.matches.some(
        (m) => m.kind === 'reference' && m.name === 'Security Council resolution 2231 (Iran)',
      ),
    ).toBe(true);
  });

  it('keeps the score under the threshold when nothing fired', () => {
    const r = shippedMatcher().match({
      title: 'Markets rally as rates fall',
      body: 'Shares rose in Seoul.',
    });
    expect(r).toMatchObject({ flagged: false, categories: [], evidence: [] });
    expect(r.score).toBeLessThan(0.5);
  });

  it('never matches a weak alias alone', () => {
    const wl = [
      {
        name: 'x',
        tags: [],
        entries: [
          {
            name: 'Islamic State',
            kind: 'armed_group' as const,
            aliases: [],
            weakAliases: ['IS'],
            identifiers: [],
            tags: [],
          },
        ],
      },
    ];
    const m = compileMatcher({ watchlists: wl });
    expect(m.match({ title: 'It IS raining', body: '' }).matches).toEqual([]);
    expect(
      m
        .match({ title: 'Islamic State fighters: IS claims attack', body: '' })
        .matches.map((x) => x.text),
    ).toEqual(['Islamic State', 'IS']);
  });

  it('adds a category from a rule file alone', () => {
    const rule = {
      category: 'oil_smuggling',
      vocabulary: { oil_cargo: ['crude oil', 'fuel oil'] },
      clauses: [{ name: 'oil-smuggled', all: ['oil_cargo', 'transfer'], weight: 0.8 }],
    };
    const m = compileMatcher({ watchlists: shippedWatchlists(), rules: [rule] });
    expect(m.categories).toEqual(['arms_transfer', 'un_violation', 'oil_smuggling']);
    expect(
      m.match({ title: 'Gang smuggled crude oil to the islands', body: '' }).categories,
    ).toEqual(['oil_smuggling']);
  });

  // Regression: the built-in vocabulary is tokenised once per thread and shared by every compile
  // (reloads in three threads were slow); a rule file's words must not leak into the next compile.
  it("drops a rule file's vocabulary on the next compile without it", () => {
    const rule = {
      category: 'oil_smuggling',
      vocabulary: { oil_cargo: ['bunker fuel'], transfer: ['siphoned'] },
      clauses: [{ name: 'oil-smuggled', all: ['oil_cargo', 'transfer'], weight: 0.8 }],
    };
    const item = { title: 'Crew siphoned bunker fuel to a tanker', body: '' };
    const withRule = compileMatcher({ watchlists: [], rules: [rule] });
    expect(withRule.match(item).categories).toEqual(['oil_smuggling']);
    const plain = { ...rule, vocabulary: { oil_cargo: ['bunker fuel'] } };
    expect(compileMatcher({ watchlists: [], rules: [plain] }).match(item).categories).toEqual([]);
    expect(withRule.match(item).categories).toEqual(['oil_smuggling']);
  });

  it('rejects an invalid rule file', () => {
    expect(() =>
      compileMatcher({
        watchlists: [],
        rules: [{ category: 'x', clauses: [{ name: 'c', all: [] }] }],
      }),
    ).toThrow();
  });
});

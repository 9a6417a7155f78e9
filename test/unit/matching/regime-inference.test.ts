import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/matching/index.js';
import { MEASURES, inForce } from '../../../src/matching/measures.js';
import { shippedMatcher, shippedWatchlists } from './shipped.js';

function match(title: string, published?: string) {
  return shippedMatcher().match({ title, body: '', ...(published ? { published } : {}) });
}

describe('regime inference: conduct a UN measure in force prohibits is a UN violation', () => {
  it.each([
    ['arms from the DPRK', 'Pyongyang shipped artillery shells to Russia by rail.', '2023-11-01'],
    ['arms to the DPRK', 'Moscow delivered air defence systems to North Korea.', '2025-02-01'],
    ['arms to the Houthis', 'Sailors seized rifles on a dhow bound for the Houthis.', '2019-06-01'],
    [
      'arms to Al-Shabaab',
      'Smugglers offloaded small arms for al-Shabaab near Bosaso.',
      '2021-03-01',
    ],
    ['arms into Libya', 'A cargo plane delivered armoured vehicles to Benghazi.', '2020-05-01'],
    ['arms into South Sudan after 2018', 'Uganda supplied ammunition to Juba.', '2019-04-01'],
    [
      'arms to armed groups in the DRC',
      'Rwanda supplied mortars to rebels in eastern Congo.',
      '2013-01-01',
    ],
    ['arms to Hezbollah', 'A lorry carrying rockets for Hezbollah was seized.', '2012-01-01'],
    ['Iranian arms exports before 2020', 'Iran flew weapons to Damascus.', '2012-09-20'],
    ['Iranian drones before October 2023', 'Tehran sent Shahed drones to Moscow.', '2022-10-19'],
    [
      'a DPRK missile launch',
      'North Korea launched a ballistic missile into the sea.',
      '2022-01-05',
    ],
    [
      'a DPRK ship-to-ship transfer',
      'A North Korean tanker was seen in a ship-to-ship transfer off Shanghai.',
      '2018-06-01',
    ],
    ['DPRK coal exports', 'A freighter carried North Korean coal to Vietnam.', '2019-03-01'],
    [
      'arms to the RSF in Darfur',
      'Cargo flights delivered drones to the Rapid Support Forces around El Fasher.',
      '2024-06-01',
    ],
    [
      // Regression: the designation M1991 was read as the year 1991, before the DPRK measures.
      'DPRK rocket launchers named by a designation with four digits',
      'North Korea delivered some 20 M1991 240mm multiple rocket launchers to Russia.',
      '2024-11-20',
    ],
    [
      'arms to a Darfur rebel group named without the region',
      'Chad delivered weapons to the Justice and Equality Movement rebels.',
      '2008-01-01',
    ],
    [
      'gangs in the headline, guns into Haiti in the body',
      "Haiti's gangs armed through Florida ports. Most guns seized in Haiti are trafficked from the United States.",
      '2024-05-01',
    ],
    ['arms to militias in Darfur', 'Traders smuggled rifles to militias in Darfur.', '2005-06-01'],
  ])('%s', (_name, text, published) => {
    const r = match(text, published);
    expect(r.categories).toContain('un_violation');
    expect(r.reasons?.un_violation.some((x) => /prohibited by resolution \d+/.test(x))).toBe(true);
  });

  it('names the regime, the resolution and the date in its reason', () => {
    const r = match('Sailors seized rifles on a dhow bound for the Houthis.', '2019-06-01');
    expect(r.reasons?.un_violation).toContain(
      'arms to the Houthis: prohibited by resolution 2216 (Yemen sanctions, in force since 2015-04-14)',
    );
  });

  it('quotes the sentence naming the party as evidence', () => {
    const r = shippedMatcher().match({
      title: 'Navy boards dhow',
      body: 'Sailors boarded a dhow off Oman. Its cargo of 2,000 rifles was meant for the Houthis.',
      published: '2023-01-10',
    });
    expect(r.categories).toEqual(['arms_transfer', 'un_violation']);
    expect(r.evidence).toContain('Its cargo of 2,000 rifles was meant for the Houthis.');
  });
});

describe('regime inference: what it does not infer', () => {
  it.each([
    [
      'arms into South Sudan before the 2018 embargo',
      'Uganda supplied ammunition to Juba.',
      '2016-09-09',
    ],
    [
      'Iranian missiles after Annex B lapsed',
      'Tehran sent ballistic missiles to Moscow.',
      '2024-02-21',
    ],
    [
      'arms sold to Iran (only exports were barred)',
      'Russia delivered Tor-M1 air defence systems to Iran.',
      '2019-01-01',
    ],
    [
      'arms to the Yemeni government',
      'Washington sold patrol boats and rifles to Yemen.',
      '2019-01-01',
    ],
    [
      'arms to the Sudanese army, not a Darfur group',
      'Iran sent Mohajer-6 drones to Sudan.',
      '2024-01-20',
    ],
    [
      // Regression: the Darfur embargo was applied to Sudan at large wherever the RSF was named.
      'arms to the Sudanese army fighting the RSF, with no place in Darfur named',
      'Iran is providing the armed forces with drones to fight the Rapid Support Forces around Omdurman.',
      '2024-03-01',
    ],
    [
      'a fear that weapons could reach a listed group',
      'Egypt delivered artillery to Somalia, and Somaliland said the weapons could fall into the hands of al-Shabaab.',
      '2024-09-23',
    ],
    ['a Libyan ceasefire', 'Libyan rivals signed a ceasefire in Geneva.', '2020-10-23'],
    ['a DPRK football result', 'North Korea beat China 2-1 in the final.', '2019-10-26'],
    [
      'a South Korean missile test',
      'South Korea launched a ballistic missile from a submarine.',
      '2021-09-15',
    ],
    [
      'a ship-to-ship transfer with no DPRK link',
      'Tankers completed a ship-to-ship transfer of crude off Malaysia.',
      '2023-03-01',
    ],
    ['any arms before a regime existed', 'A freighter delivered rifles to Benghazi.', '2005-01-01'],
    [
      // Regression: a resolution adopted to ban coal exports read as a coal export.
      'the Council adopting the ban itself',
      'Совет Безопасности единогласно принял резолюцию 2270, которая ограничивает экспорт угля из КНДР.',
      '2016-03-02',
    ],
    [
      // Regression: the banned goods listed beside an export the bans do not cover read as a breach.
      'DPRK exports the bans do not cover',
      'Wigs are not among the goods that UN resolutions bar North Korea from exporting, such as coal and textiles.',
      '2024-06-01',
    ],
  ])('%s', (_name, text, published) => {
    expect(match(text, published).categories).not.toContain('un_violation');
  });

  it('judges an undated item on the matcher clock', () => {
    const text = 'Tehran sent Shahed drones to Moscow.';
    const at = (iso: string) =>
      compileMatcher({ watchlists: shippedWatchlists(), now: () => Date.parse(iso) }).match({
        title: text,
        body: '',
      });
    expect(at('2022-10-19').categories).toContain('un_violation');
    expect(at('2026-01-01').categories).not.toContain('un_violation');
  });

  it('does not add un_violation when a rule file disabled the category', () => {
    const m = compileMatcher({
      watchlists: shippedWatchlists(),
      rules: [{ category: 'un_violation', disabled: true }],
    });
    const r = m.match({ title: 'Pyongyang shipped artillery shells to Russia.', body: '' });
    expect(r.categories).toEqual(['arms_transfer']);
  });
});

describe('measure table', () => {
  it('dates every measure and names a regime of the table', () => {
    for (const m of MEASURES) {
      expect(Number.isFinite(Date.parse(m.since)), m.bans).toBe(true);
      if (m.until) expect(Date.parse(m.until)).toBeGreaterThan(Date.parse(m.since));
    }
  });

  it('applies from its first day until the day it lapsed', () => {
    const annexB = MEASURES.find((m) => m.resolution === 2231);
    expect(annexB).toBeDefined();
    if (!annexB) return;
    expect(inForce(annexB, Date.parse('2023-10-17'))).toBe(true);
    expect(inForce(annexB, Date.parse('2023-10-18'))).toBe(false);
  });
});

describe('resolution numbers outside the regime table', () => {
  it('are not a sanctions reference', () => {
    expect(
      match(
        'The Security Council adopted resolution 1998 on grave violations against children.',
        '2011-07-12',
      ).categories,
    ).toEqual([]);
  });

  it('a regime resolution still is', () => {
    expect(
      match('Officials said the shipment violated resolution 2397.', '2020-01-01').categories,
    ).toContain('un_violation');
  });
});

describe('regime inference: a patron named as a modifier does not act', () => {
  it('"Iranian-backed militias" makes no Iranian arms export', () => {
    const r = match(
      'Israel supplied rifles and mortars to rebels to keep Iranian-backed militias away.',
      '2016-01-01',
    );
    expect(r.categories).toEqual(['arms_transfer']);
  });

  it('Iran itself shipping the arms still does', () => {
    expect(
      match('Iran supplied rifles and mortars to rebels in Syria.', '2016-01-01').categories,
    ).toContain('un_violation');
  });
});

describe('regime inference: a party under an export ban that only buys', () => {
  it.each([
    [
      'weapons that arrived in Iran from another state',
      'Iran says the first S-300 components have arrived from Russia. The batch of Russian S-300 systems was in Iran.',
    ],
    [
      'a purchase from another state',
      "Iran's mission said Tehran had concluded a contract to buy Su-35 fighters from Russia.",
    ],
  ])('%s: no export breach', (_name, text) => {
    expect(match(text, '2016-04-11').categories).toEqual(['arms_transfer']);
  });

  it.each([
    [
      // Regression: "according to Iranian sources" read as a delivery to Iran.
      'a source "according to" the party',
      'Ballistic missiles were given by Iran to militias in Iraq, according to Iranian officials.',
    ],
    ['the party named as where the arms came from', 'The Houthis received missiles from Iran.'],
  ])('%s: still an export breach', (_name, text) => {
    expect(match(text, '2016-04-11').categories).toEqual(['arms_transfer', 'un_violation']);
  });
});

describe('regime inference: a state in a list of places is background', () => {
  it('battlefields a system "drew attention in" breach nothing', () => {
    expect(
      match(
        'Turkey sold Bayraktar TB2 drones to Morocco after they drew attention in Libya, Syria and Nagorno-Karabakh.',
        '2021-06-01',
      ).categories,
    ).toEqual(['arms_transfer']);
  });

  it.each([
    ['a list of sources', 'Weapons from Iran, Russia and North Korea reached the front.'],
    [
      'the two sides of a transfer',
      'Russia and North Korea exchanged arms deliveries, officials said.',
    ],
  ])('%s still does', (_name, text) => {
    expect(match(text, '2023-09-01').categories).toEqual(['arms_transfer', 'un_violation']);
  });
});

describe('regime inference: the party the weapons are used against is no recipient', () => {
  it.each([
    ['English', 'Iraq receives Russian Su-25 jets to fight Islamic State militants.'],
    [
      'Russian',
      'Ирак получил российские штурмовики Су-25 для ударов против боевиков «Исламского государства».',
    ],
    [
      'French',
      "Le Mali reçoit des hélicoptères de combat russes pour lutter contre l'État islamique.",
    ],
  ])('%s: jets bought to fight ISIL breach nothing', (_lang, text) => {
    const r = match(text, '2014-07-01');
    expect(r.categories).toEqual(['arms_transfer']);
  });

  it('weapons delivered to ISIL still do', () => {
    expect(
      match('Smugglers delivered rifles to Islamic State fighters in Raqqa.', '2015-01-01')
        .categories,
    ).toContain('un_violation');
  });
});

describe('regime inference: regimes that have lapsed bind conduct of their time only', () => {
  it('arms to Iraq under resolution 661 (1990–2003)', () => {
    const then = match(
      'Ukraine sold radar systems and military equipment to Baghdad.',
      '2002-04-01',
    );
    expect(then.categories).toContain('un_violation');
    expect(then.reasons?.un_violation?.join(' ')).toContain('resolution 661');
    const now = match(
      'Ukraine sold radar systems and military equipment to Baghdad.',
      '2015-04-01',
    );
    expect(now.categories).toEqual(['arms_transfer']);
  });

  it('arms from Eritrea under resolution 1907 (2009–2018)', () => {
    const text = 'Eritrea shipped weapons and ammunition to rebels across the border.';
    expect(match(text, '2012-05-01').categories).toContain('un_violation');
    expect(match(text, '2020-05-01').categories).toEqual(['arms_transfer']);
  });
});

describe('regime inference: Chinese target words are whole words', () => {
  it('对 alone marks the recipient (regression: 对胡塞武装提供 read the Houthis as the target)', () => {
    expect(match('俄罗斯对胡塞武装提供导弹。', '2024-06-01').categories).toContain('un_violation');
  });

  it('打击 before a party still makes it the target', () => {
    expect(
      match('俄罗斯向伊拉克交付苏-25战机，用于打击伊斯兰国。', '2014-07-01').categories,
    ).toEqual(['arms_transfer']);
  });
});

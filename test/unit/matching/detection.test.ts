import { describe, expect, it } from 'vitest';
import { shippedMatcher } from './shipped.js';

function categories(text: string, published?: string, body = ''): string[] {
  return shippedMatcher().match({ title: text, body, ...(published ? { published } : {}) })
    .categories;
}

describe('deliveries, deals and allegations', () => {
  it.each([
    ['inducts', 'Algeria inducted two submarines bought abroad.'],
    ['signs a deal for', 'Egypt signed a deal for 24 Rafale fighters.'],
    ['an order by number', 'Qatar ordered 12 more Eurofighter Typhoon jets.'],
    ['a letter of intent', 'Vietnam signed a letter of intent for a dozen Su-30 jets.'],
    ['took delivery', 'Serbia took delivery of six MiG-29 fighters from Belarus.'],
    ['hands over', 'Minsk hands over a batch of rifles to the militia.'],
    ['a named system arrives', 'The first Leopard 2A4 tanks have arrived at the Lithuanian base.'],
    ['arming a party without a weapons word', 'Officials say Tehran is arming the Houthis.'],
    ['weapons brought in', 'Smugglers brought in weapons for Al-Shabaab through the port.'],
    ['an origin by demonym', 'Investigators found Israeli-made rifles with the rebels.'],
    [
      'a defence-sales package',
      'Riyadh and Washington signed defence sales agreements worth billions.',
    ],
  ])('%s', (_name, text) => {
    expect(categories(text, '2024-03-01')).toContain('arms_transfer');
  });

  it('an undated report is as recent as the years it names', () => {
    expect(
      categories('In March 2009 police said the rifles had been smuggled to the cartel.'),
    ).toContain('arms_transfer');
  });
});

describe('traps that are not an arms transfer', () => {
  it.each([
    [
      'a state buying from its own industry',
      "Turkey's army ordered 50 more Bayraktar TB2 drones for its brigades.",
    ],
    ["the maker's own system entering service", "China's J-20 stealth fighter enters service."],
    [
      'orders placed with domestic firms',
      'The ministry signed contracts with domestic firms for 40 tanks.',
    ],
    [
      'an arms-trade treaty',
      'The treaty sets rules for cross-border transfers of conventional arms.',
    ],
    ['rebels disarming', 'The rebels handed over their weapons to the UN mission on Tuesday.'],
    [
      'a group refusing to disarm',
      'The militia said it would not give up its weapons to the army.',
    ],
    ['shelling sends people fleeing', 'Artillery shells hit the town, sending residents fleeing.'],
    [
      'permission to use weapons',
      'Washington gave Kyiv permission to use the missiles it supplied.',
    ],
    [
      'a Council resolution',
      'The Council adopted a resolution urging states to curb illicit arms transfers.',
    ],
    ['a video game', 'The video game lets players buy rifles and rocket launchers from dealers.'],
    ['a pitcher', 'The club traded two young arms and a catcher to Boston.'],
    ['delivery by drone', 'The startup will deliver by drone to homes in three suburbs.'],
  ])('%s', (_name, text) => {
    expect(categories(text, '2024-03-01')).not.toContain('arms_transfer');
  });

  it('a museum piece is history', () => {
    expect(
      categories(
        'Museum shows Soviet missiles once shipped to Cuba',
        '2024-03-01',
        'The missiles were shipped to Cuba in secret.',
      ),
    ).toEqual([]);
  });

  it('an undated look back by historians is history', () => {
    expect(
      categories(
        'How the secret deal unravelled',
        undefined,
        'In 1986 the agency shipped missiles to Iran. Historians still argue over it.',
      ),
    ).toEqual([]);
  });
});

describe('UN measures worded otherwise', () => {
  it('cyber theft for the missile programme, reported by UN monitors', () => {
    expect(
      categories(
        'UN monitors say North Korean hackers stole $600 million to fund its missile programme.',
        '2024-03-01',
      ),
    ).toContain('un_violation');
  });

  it('a confidential UN report on revenue from workers abroad', () => {
    expect(
      categories(
        'A confidential UN report said Pyongyang earned hard currency from IT workers abroad.',
        '2024-03-01',
      ),
    ).toContain('un_violation');
  });

  it("the Council's ban in the possessive", () => {
    expect(
      categories("The tanker carried fuel to Nampo in breach of the Council's ban.", '2024-03-01'),
    ).toContain('un_violation');
  });

  it('a failed DPRK satellite launch', () => {
    expect(
      categories(
        'North Korean rocket blew up during first-stage flight, Seoul says.',
        '2024-05-28',
      ),
    ).toContain('un_violation');
  });

  it('a Council renewal is no breach', () => {
    expect(
      categories(
        'The Council renewed for another year its authorisation to inspect ships off Libya suspected of carrying arms in breach of the embargo.',
        '2024-03-01',
      ),
    ).toEqual([]);
  });

  it('a nuclear test site closed is no test', () => {
    expect(
      categories('North Korea blew up tunnels at its nuclear test site.', '2018-05-24'),
    ).toEqual([]);
  });
});

describe('a maker named before its system is not always its holder', () => {
  it('"Russian T-72s reach Nicaragua" is still a delivery', () => {
    expect(categories('Russian T-72 tanks reach Nicaragua.')).toContain('arms_transfer');
  });
});

describe("a maker's own forces, named as its own press names them, buy at home", () => {
  it.each([
    ['German', 'Die Bundeswehr bestellt 50 weitere Schützenpanzer Puma.'],
    ['Korean', "국산 K2 '흑표' 전차가 육군 기계화사단에 배치됐다."],
  ])('%s: procurement, no transfer', (_lang, text) => {
    expect(categories(text, '2024-03-01')).not.toContain('arms_transfer');
  });

  it("the same forces' stocks going to Ukraine are a transfer", () => {
    expect(
      categories(
        'Deutschland liefert weitere Panzerhaubitzen 2000 aus Beständen der Bundeswehr an die Ukraine.',
        '2024-03-01',
      ),
    ).toContain('arms_transfer');
  });
});

describe('time sense', () => {
  it('a designation number after a weapon word is no year (regression: "Panzerhaubitzen 2000" read as a look back to 2000)', () => {
    expect(
      categories('Germany delivered six more Panzerhaubitzen 2000 to Ukraine.', '2024-03-01'),
    ).toContain('arms_transfer');
  });
});

describe('strikes are no deliveries', () => {
  it.each([
    ['missiles reaching a city', 'Russian Kh-101 missiles reached Kyiv overnight.'],
    ['drones landing', 'Two Shahed drones landed near a power plant in Odesa.'],
  ])('%s', (_name, text) => {
    expect(categories(text, '2024-03-01')).not.toContain('arms_transfer');
  });
});

describe('one index for all languages', () => {
  it('a French verb is no English word (regression: "commander" read as a transfer)', () => {
    expect(
      categories(
        'Iran fired ballistic missiles at Israel to avenge a Revolutionary Guards commander.',
        '2024-10-01',
      ),
    ).not.toContain('arms_transfer');
  });
});

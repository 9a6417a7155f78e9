import { describe, expect, it } from 'vitest';
import { shippedMatcher } from './shipped.js';

function categories(title: string, published?: string, body = ''): string[] {
  return shippedMatcher().match({ title, body, ...(published ? { published } : {}) }).categories;
}

describe('UN measures judged at the date of the conduct', () => {
  it('arms to Haitian gangs after the 2022 regime are a UN violation', () => {
    expect(
      categories('Smugglers shipped rifles to the Village de Dieu gang in Haiti.', '2024-05-01'),
    ).toContain('un_violation');
  });

  it('the same conduct the text dates before the regime is a transfer only', () => {
    const got = categories(
      'A court jailed a man who shipped rifles to a Haitian gang in 2020.',
      '2024-05-01',
    );
    expect(got).toContain('arms_transfer');
    expect(got).not.toContain('un_violation');
  });

  it('monitors reporting arms into a state before its embargo report no breach', () => {
    const got = categories(
      'UN sanctions monitors said South Sudan bought attack helicopters and ammunition from abroad.',
      '2016-05-01',
    );
    expect(got).toContain('arms_transfer');
    expect(got).not.toContain('un_violation');
  });

  it('the same monitors after the 2018 embargo report a breach', () => {
    expect(
      categories(
        'UN sanctions monitors said South Sudan bought attack helicopters and ammunition from abroad.',
        '2020-05-01',
      ),
    ).toContain('un_violation');
  });

  it('a delivery the sanctions committee approved is no breach', () => {
    const got = categories(
      'Rifles and ammunition for the national army reached Bangui under an exemption approved by the sanctions committee.',
      '2019-03-01',
    );
    expect(got).not.toContain('un_violation');
  });
});

describe('UN measures and bodies worded by analysts', () => {
  it.each([
    ["the Council's ban in the possessive", "The tanker sold fuel in breach of the Council's ban."],
    ['a committee by number', 'The 1718 Committee said the shipment was a violation.'],
    [
      'a panel named by its country',
      'The Panel of Experts on Yemen found the dhow breached the embargo.',
    ],
  ])('%s', (_name, text) => {
    expect(categories(text, '2024-03-01')).toContain('un_violation');
  });

  it('a DPRK nuclear detonation is a breach without UN wording', () => {
    expect(
      categories('North Korea detonated a nuclear device underground on Tuesday.', '2016-09-09'),
    ).toContain('un_violation');
  });
});

describe('weapons moved by other shapes', () => {
  it.each([
    ['routed through a third state', 'Wagner tried to route weapons through Mali to Russia.'],
    [
      'military systems bought abroad',
      'The group sought to buy military systems from foreign suppliers.',
    ],
    [
      'a relative clause that armed a party',
      'Police broke up a ring that armed the cartel for years.',
    ],
    ['tonnes of munitions by rail', 'Belarus sent 100,000 tonnes of munitions to Russia by rail.'],
  ])('%s', (_name, text) => {
    expect(categories(text, '2024-03-01')).toContain('arms_transfer');
  });
});

describe('senses and deployments that are no transfer', () => {
  it.each([
    ['vape cartridges', 'She was detained at a Moscow airport with vape cartridges in her bag.'],
    ['printer cartridges', 'Customs seized printer cartridges shipped to Russia in a container.'],
    ['a battery sent with its crew', 'Washington sends a Patriot battery and crew to Poland.'],
    [
      'information asked for, not arms provided',
      'Provide us with any important information about their warehouses with ammunition.',
    ],
    ['a struck depot', 'Drones hit an ammunition depot used by the militia near the border.'],
  ])('%s', (_name, text) => {
    expect(categories(text, '2024-03-01')).toEqual([]);
  });
});

describe('transfers weighed or discussed, not done', () => {
  it.each([
    [
      'weighed and held back',
      'Moscow weighed sending cruise missiles to the Houthis but held back.',
    ],
    [
      'talks picked up by intelligence',
      'Officials picked up discussions between the Houthis and Al-Shabaab on weapons deliveries.',
    ],
  ])('%s: an arms-transfer alert, no UN violation', (_name, text) => {
    const got = categories(text, '2024-06-01');
    expect(got).toContain('arms_transfer');
    expect(got).not.toContain('un_violation');
  });

  it('the delivery itself is a breach', () => {
    expect(
      categories('Iran delivered cruise missiles to the Houthis by dhow.', '2024-06-01'),
    ).toContain('un_violation');
  });
});

describe('an arms embargo broken is arms moved', () => {
  it.each([
    [
      'a breach named by its embargo',
      'Investigators say firms keep breaching the arms embargo on Darfur.',
    ],
    ['materiel transported', 'The airline transported military materiel to Libya in March.'],
    ['battlefield radios sold', 'A front company sold battlefield radios to the army of Eritrea.'],
  ])('%s', (_name, text) => {
    expect(categories(text, '2020-09-01')).toContain('arms_transfer');
  });

  it('a breach only conditional is a UN warning, not arms moved', () => {
    const got = categories(
      'Monitors said foreign help for the new air base would breach the arms embargo.',
      '2020-09-01',
    );
    expect(got).toContain('un_violation');
    expect(got).not.toContain('arms_transfer');
  });
});

import { describe, expect, it } from 'vitest';
import { shippedMatcher } from './shipped.js';

function categories(text: string, published?: string, body = ''): string[] {
  return shippedMatcher().match({ title: text, body, ...(published ? { published } : {}) })
    .categories;
}

describe('senses that are not an arms transfer', () => {
  it.each([
    ['a missile in flight', 'The missile flew 800 km and landed in the sea after it was fired.'],
    [
      'a rocket carrying its own satellite',
      'A rocket carrying a spy satellite blew up after launch.',
    ],
    ['delivery drones', 'The retailer began delivering packages to customers by drone.'],
    ['a refusal to send', 'The chancellor ruled out sending cruise missiles to Kyiv.'],
    ['a policy of not supplying', 'Seoul said it would keep its policy of not supplying weapons.'],
    ['domestic gun law', 'Canada froze handgun sales nationwide on Friday.'],
    [
      'a possessive before a number (no S-400)',
      "The company's 400 employees were transferred to Berlin.",
    ],
    [
      'fuel deliveries beside a drill',
      'The Council capped petroleum deliveries to the North. Seoul staged a ballistic missile drill.',
    ],
  ])('%s', (_name, text) => {
    expect(categories(text, '2024-01-01')).not.toContain('arms_transfer');
  });
});

describe('time: a look back is not a current report', () => {
  const cuba = 'In October 1962 the Soviet Union shipped nuclear missiles to Cuba.';
  it('an event decades before the item is history', () => {
    expect(categories(cuba, '2022-10-16')).toEqual([]);
  });

  it('the same sentence is news in its own year', () => {
    expect(categories(cuba, '1962-10-20')).toContain('arms_transfer');
  });

  // Regression: a year glued to 년 was taken for a designation (like M1991) and lost its date.
  it('a Korean year written with 년 still dates the sentence', () => {
    const phantom = '1969년 미국에서 들여온 F-4D 전투기가 퇴역했다.';
    expect(categories(phantom, '2024-06-07')).toEqual([]);
    expect(categories(phantom, '1969-09-01')).toContain('arms_transfer');
  });

  it('an obituary recalls transfers without reporting one', () => {
    expect(
      categories(
        'Arms broker who armed Afghan fighters dies',
        '2010-02-10',
        'He arranged shipments of anti-aircraft missiles to the mujahideen.',
      ),
    ).toEqual([]);
  });

  it('a number inside a weapon name is not a year (Mirage 2000)', () => {
    expect(categories('France delivered Mirage 2000 jets to Ukraine.', '2025-02-06')).toContain(
      'arms_transfer',
    );
  });

  it('a resolution number is not a year', () => {
    expect(
      categories(
        'Officials said the rifles were shipped to the Houthis in breach of resolution 1998.',
        '2024-01-01',
      ),
    ).toContain('arms_transfer');
  });
});

describe('DPRK launches and tests (regime inference)', () => {
  it('a nuclear test is a UN violation', () => {
    expect(
      categories('North Korea conducted its sixth nuclear test on Sunday.', '2017-09-03'),
    ).toEqual(['un_violation']);
  });

  it('a launch named only in background is not the story', () => {
    expect(
      categories(
        'Unified Korean hockey team loses its debut 8-0',
        '2018-02-10',
        'The crowd cheered both sides. Fans waved flags. The team trained for weeks. Officials noted that North Korea launched missiles last year.',
      ),
    ).toEqual([]);
  });
});

describe('launch wording: where the missile came down, the satellite rocket', () => {
  it('a DPRK missile falling in Japan’s waters is a launch report', () => {
    expect(
      categories(
        'North Korean ICBM falls inside Japan’s exclusive economic zone',
        '2023-02-18',
        'Tokyo said the missile flew for 66 minutes.',
      ),
    ).toContain('un_violation');
  });

  it('a failed DPRK spy-satellite rocket is a launch', () => {
    expect(
      categories(
        'North Korea’s spy satellite launch fails as the rocket’s third stage malfunctioned',
        '2023-08-24',
      ),
    ).toContain('un_violation');
  });
});

describe('sanctions of one state, enforced by that state', () => {
  it('a bank settling US charges over Iran sanctions is no UN breach', () => {
    expect(
      categories(
        'The bank agreed to pay $1.1 billion to settle Iran sanctions violations with the Treasury.',
        '2019-04-09',
      ),
    ).toEqual([]);
  });

  it('the same words with the UN named stay a breach', () => {
    expect(
      categories('The tanker violated UN sanctions on Iran, the Treasury said.', '2012-01-01'),
    ).toContain('un_violation');
  });
});

describe('arms-policy words that move no arms', () => {
  it.each([
    ['ammunition as a metaphor', 'The report gave both sides ammunition for fresh criticism.'],
    ['a halt to arms exports', 'Berlin halted new arms export approvals to Riyadh.'],
  ])('%s', (_name, text) => {
    expect(categories(text, '2019-01-01')).not.toContain('arms_transfer');
  });

  it('withheld jets released are a transfer', () => {
    expect(
      categories('The White House said it would release 12 F-16s to Egypt.', '2015-03-31'),
    ).toContain('arms_transfer');
  });

  it('helicopters named by type are arms (Sea King)', () => {
    expect(categories('UK to send Sea King helicopters to Ukraine', '2022-11-25')).toContain(
      'arms_transfer',
    );
  });
});

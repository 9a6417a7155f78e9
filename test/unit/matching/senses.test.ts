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

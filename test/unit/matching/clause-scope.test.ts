import { describe, expect, it } from 'vitest';
import { cats } from './shipped.js';

describe('a refusal reaches only as far as a contrast that turns to a transfer', () => {
  it.each([
    [
      'English',
      'Germany will not send Taurus missiles to Ukraine, but it delivered more Patriot systems.',
    ],
    [
      'German',
      'Berlin liefert keine Taurus-Marschflugkörper, aber es lieferte weitere Patriot-Systeme an die Ukraine.',
    ],
    ['Russian', 'Сеул не может предоставить Украине зенитные ракеты, но поставил Польше танки K2.'],
  ])('%s: the transfer after "but" alerts', (_lang, text) => {
    expect(cats(text)).toEqual(['arms_transfer']);
  });

  it.each([
    [
      'English',
      'Germany will not send Taurus missiles to Ukraine, but it will keep backing Kyiv politically.',
    ],
    ['Russian', 'Сеул не может предоставить Украине зенитные ракеты, но поддерживает Киев.'],
  ])('%s: a contrast with no transfer after it leaves the refusal whole', (_lang, text) => {
    expect(cats(text)).toEqual([]);
  });
});

describe('a weak weapon-system name beside a generic "system" word', () => {
  it.each([
    ['German', 'Berlin lieferte Patriot-Systeme an die Ukraine.'],
    ['Spanish', 'Madrid envió sistemas Patriot a Ucrania.'],
    ['French', 'Paris a livré un système Patriot à Kiev.'],
  ])('%s: the name is the weapon', (_lang, text) => {
    expect(cats(text)).toEqual(['arms_transfer']);
  });

  it('a system word elsewhere in the sentence does not make the ordinary word a weapon', () => {
    expect(
      cats('Patriot lawmakers praised the new tax system that Kyiv sent to parliament.'),
    ).toEqual([]);
  });
});

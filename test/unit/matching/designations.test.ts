import { describe, expect, it } from 'vitest';
import {
  cyrillicDesignations,
  isAmbiguousDesignation,
} from '../../../src/matching/designations.js';
import { shippedMatcher } from './shipped.js';

const categories = (title: string, published = '2024-06-01') =>
  shippedMatcher().match({ title, body: '', published }).categories;

// Spellings come out lower-case: names are matched after case folding.
describe('weapon designations in Cyrillic', () => {
  it.each([
    ['Su-35', ['су-35']],
    ['MiG-29', ['миг-29', 'міг-29']],
    ['Kh-101', ['х-101']],
    ['BTR-82A', ['бтр-82а']],
    ['2S19', ['2с19']],
    ['Iskander', []],
  ])('%s → %j', (latin, cyrillic) => {
    expect(cyrillicDesignations(latin)).toEqual(cyrillic);
  });

  it('a one-letter designation that reads as a preposition needs support', () => {
    expect(isAmbiguousDesignation('С-400')).toBe(true);
    expect(isAmbiguousDesignation('Су-35')).toBe(false);
    expect(categories('Компания расплатилась с 400 поставщиками и передала им долю')).toEqual([]);
    expect(categories('В Турцию прибыли первые комплексы С-400', '2019-07-12')).toContain(
      'arms_transfer',
    );
  });

  it('a Russian report naming the jet only in Cyrillic is a transfer', () => {
    expect(categories('Россия передала Ирану самолеты Як-130', '2023-09-12')).toContain(
      'arms_transfer',
    );
  });

  it('a Ukrainian report of MiG-29s to the DPRK is both', () => {
    expect(categories('Росія передала КНДР винищувачі МіГ-29')).toEqual([
      'arms_transfer',
      'un_violation',
    ]);
  });
});

describe('a weak system name beside a weapon word', () => {
  it('"системи Patriot" is the air-defence system in any language', () => {
    expect(categories('Перші системи ППО Patriot прибули в Україну')).toContain('arms_transfer');
  });

  it('"Patriot" alone stays an ordinary word', () => {
    expect(categories('The Patriot arrived in Kyiv for the premiere')).toEqual([]);
  });
});

describe('Russian "прибыли": arrived, not profits', () => {
  it('jets that arrived are a delivery', () => {
    expect(categories('Первые истребители Су-35 прибыли в Иран', '2024-06-01')).toContain(
      'arms_transfer',
    );
  });

  it("a company's profits stay earnings news", () => {
    expect(
      categories(
        'Чистая прибыль концерна «Калашников» выросла на 20 % благодаря экспорту винтовок',
      ),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { isWeakName, koreanNameParts, nameVariants } from '../../../src/lists/variants.js';

const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());

describe('nameVariants', () => {
  it('spells a Korean name with and without hyphen, in either order', () => {
    const v = lower(nameVariants('KIM Jong Un', { korean: true }));
    expect(v).toEqual(expect.arrayContaining(['kim jong-un', 'jong un kim', 'jong-un kim']));
  });
  it('reads a hyphenated Korean name without a hint', () => {
    const v = lower(nameVariants('Yun Ho-chin'));
    expect(v).toEqual(expect.arrayContaining(['yun ho chin', 'ho-chin yun', 'ho chin yun']));
  });
  it('finds the surname at the end when the list writes it in capitals', () => {
    expect(koreanNameParts('Jong Un KIM', { korean: true })).toEqual({
      surname: 'KIM',
      given: ['Jong', 'Un'],
    });
  });
  it('never returns the input itself and is case-normalised', () => {
    const v = nameVariants('Kim Jong-un');
    expect(lower(v)).not.toContain('kim jong-un');
    for (const x of v) expect(x.charAt(0)).toBe(x.charAt(0).toUpperCase());
  });
  it('makes no variants for names that are not Korean', () => {
    expect(nameVariants('Mousa Mohammed ABU MARZOOK')).toEqual([]);
    expect(nameVariants('Sergei Shoigu')).toEqual([]);
    expect(nameVariants('KOREA MINING DEVELOPMENT TRADING CORPORATION', { korean: true })).toEqual(
      [],
    );
  });
});

describe('isWeakName', () => {
  it('demotes names of three letters or fewer', () => {
    expect(isWeakName('AQI')).toBe(true);
    expect(isWeakName('G-9')).toBe(true);
    expect(isWeakName('KOMID')).toBe(false);
  });
  it('demotes names made only of generic words', () => {
    expect(isWeakName('Trading Company')).toBe(true);
    expect(isWeakName('General Trading Corporation Limited')).toBe(true);
    expect(isWeakName('The Group')).toBe(true);
    expect(isWeakName('Changgwang Sinyong Corporation')).toBe(false);
  });
  it("demotes a person's single-word alias", () => {
    expect(isWeakName('Ahmed', 'person')).toBe(true);
    expect(isWeakName('Hezbollah', 'organisation')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { koreanNameVariants } from '../../../src/matching/romanisation.js';
import { shippedMatcher } from './shipped.js';

describe('Korean names across romanisations', () => {
  it('gives the McCune–Reischauer spelling and the run-together given name', () => {
    const v = koreanNameVariants('Kim Jong Un');
    expect(v).toContain('kim chong un');
    expect(v).toContain('kim jongun');
  });

  it.each(['Kim Jong Un', 'Kim Jong-un', 'Kim Jongun', 'Kim Chong-un', '김정은', '金正恩'])(
    'the shipped lists know %s',
    (spelling) => {
      const names = shippedMatcher()
        .match({ title: `${spelling} inspected a factory`, body: '' })
        .matches.map((m) => m.name);
      expect(names).toContain('Kim Jong Un');
    },
  );

  it('does not confuse father and son', () => {
    const names = shippedMatcher()
      .match({ title: 'Kim Jong-il died in 2011', body: '' })
      .matches.map((m) => m.name);
    expect(names).toEqual(['Kim Jong Il']);
  });
});

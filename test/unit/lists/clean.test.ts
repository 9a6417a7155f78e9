import { describe, expect, it } from 'vitest';
import {
  cleanName,
  isPlaceholder,
  reorderCommaName,
  splitAliasText,
} from '../../../src/lists/clean.js';

describe('cleanName', () => {
  it('trims padding and collapses inner whitespace', () => {
    expect(cleanName('  GEDO   HAMDAN \n')).toBe('GEDO HAMDAN');
  });
  it('removes double quotes around aliases', () => {
    expect(cleanName('"KOMID"')).toBe('KOMID');
    expect(cleanName('\u201CThe Butcher of Paoua\u201D')).toBe('The Butcher of Paoua');
    expect(cleanName('\u201CGeneral\u201D Sidiki')).toBe('General Sidiki');
  });
  it('keeps transliteration apostrophes but strips a wrapping pair', () => {
    expect(cleanName("'Abd al-Rahman")).toBe("'Abd al-Rahman");
    expect(cleanName("'BNC'")).toBe('BNC');
  });
  it('cuts birth notes and stray punctuation', () => {
    expect(cleanName('Mohammad Ishaq Akhund born in 1963')).toBe('Mohammad Ishaq Akhund');
    expect(cleanName(') Abdelrahman Juhan,')).toBe('Abdelrahman Juhan');
  });
  it('returns empty for placeholders', () => {
    expect(cleanName('')).toBe('');
    expect(cleanName('-0- ')).toBe('');
    expect(cleanName(undefined)).toBe('');
    expect(isPlaceholder(' N/A ')).toBe(true);
    expect(isPlaceholder('KOMID')).toBe(false);
  });
});

describe('splitAliasText', () => {
  it('splits ;-separated lists', () => {
    expect(splitAliasText('Abas Rashidi; Abbas Rashedi; Abas Rashedi')).toEqual([
      'Abas Rashidi',
      'Abbas Rashedi',
      'Abas Rashedi',
    ]);
  });
  it('takes parenthesised alternatives and acronyms as names', () => {
    expect(splitAliasText('حسن غول (Hassan Ghul; Hassan Gul)')).toEqual([
      'حسن غول',
      'Hassan Ghul',
      'Hassan Gul',
    ]);
    expect(splitAliasText('Al-Qaida in Yemen (AQY)')).toEqual(['Al-Qaida in Yemen', 'AQY']);
    expect(splitAliasText('Amir Khazmat (original script: Амир Хазмат)')).toEqual([
      'Amir Khazmat',
      'Амир Хазмат',
    ]);
  });
  it('drops remarks and honorifics in parentheses', () => {
    expect(
      splitAliasText('Abdel Ilah Sabri (false identity related to passport number 434021161)'),
    ).toEqual(['Abdel Ilah Sabri']);
    expect(splitAliasText('EL PARA (COMBAT NAME)')).toEqual(['EL PARA']);
    expect(splitAliasText('(Sheikh) Musa Hilal')).toEqual(['Musa Hilal']);
  });
  it('keeps other parenthesised words inside the name, never as a name of their own', () => {
    const names = splitAliasText('Leader (Hong Kong) International Trading Limited');
    expect(names).toContain('Leader Hong Kong International Trading Limited');
    expect(names).not.toContain('Hong Kong');
  });
  it('drops enumeration markers', () => {
    expect(splitAliasText('Mohammad Sabet b) M. Javad Kareemi Sabet')).toEqual([
      'Mohammad Sabet',
      'M. Javad Kareemi Sabet',
    ]);
  });
  it('gives nothing for an empty placeholder', () => {
    expect(splitAliasText('   ')).toEqual([]);
  });
});

describe('reorderCommaName', () => {
  it('turns "LAST, First" around', () => {
    expect(reorderCommaName('ABU MARZOOK, Mousa Mohammed')).toBe('Mousa Mohammed ABU MARZOOK');
  });
  it('leaves names without exactly one comma alone', () => {
    expect(reorderCommaName('ANGLO-CARIBBEAN CO., LTD., INC.')).toBeUndefined();
    expect(reorderCommaName('BANCO NACIONAL DE CUBA')).toBeUndefined();
  });
});

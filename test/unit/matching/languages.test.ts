import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/matching/index.js';
import { phraseTokens, tokenise } from '../../../src/matching/text.js';

const same = (a: string, b: string) => expect(phraseTokens(a)).toEqual(phraseTokens(b));

describe('normalisation per language', () => {
  // Regression: a full stop before a caseless letter did not end the sentence, so a whole Korean
  // or Arabic text was one sentence and its evidence quoted all of it.
  it.each([
    ['Korean', '전문가패널이 활동을 마감한다. 러시아가 거부권을 행사했다.'],
    ['Arabic', 'أعلن البيت الأبيض توقيع اتفاق. ويشمل الاتفاق قدرات الدفاع الجوي.'],
  ])('%s: a full stop before a letter without case ends a sentence', (_lang, text) => {
    expect(tokenise(text).sentences).toHaveLength(2);
  });

  it('a full stop before a lower-case Latin letter does not', () => {
    expect(tokenise('They met at 10 a.m. on Monday.').sentences).toHaveLength(1);
  });

  it('Russian: inflected forms meet their stem, ё reads as е', () => {
    same('поставки', 'поставка');
    same('поставку', 'поставка');
    same('снарядов', 'снаряды');
    same('ещё', 'еще');
  });

  it('Ukrainian: cases of one noun meet, і/ї/є kept', () => {
    same('ракети', 'ракета');
    same('постачання', 'постачання');
    expect(phraseTokens('Україна')[0]).toContain('і');
  });

  it('Korean: particles and verb endings are cut, two syllables stay', () => {
    same('북한이', '북한');
    same('북한의', '북한');
    same('공급했다', '공급');
    expect(phraseTokens('북한')).toEqual(['북한']);
    expect(phraseTokens('결의')).toEqual(['결의']);
  });

  it('Chinese: every Han character is a token, simplified and traditional alike', () => {
    expect(phraseTokens('朝鲜向俄罗斯')).toEqual(['朝', '鲜', '向', '俄', '罗', '斯']);
    expect(tokenise('朝鲜发射导弹。安理会谴责。').sentences).toHaveLength(2);
  });

  it('Arabic: hamza forms, ta marbuta, tatweel and attached prefixes fold', () => {
    same('والأسلحة', 'اسلحه');
    same('بالأسلحة', 'الاسلحة');
    same('للحوثيين', 'حوثيين');
    same('الصــواريخ', 'صواريخ');
  });

  it('Arabic: a word reads the same with and without the article when it starts like a prefix (regression: كورية shortened, الكورية not)', () => {
    same('كورية', 'الكورية');
    same('ليبي', 'الليبي');
    same('بريطانية', 'البريطانية');
    same('وقود', 'والوقود');
  });

  it('Arabic-Indic and Persian digits read as the same number', () => {
    same('٢٢١٦', '2216');
    same('۲۳۹۷', '2397');
    expect(phraseTokens('القرار ١٧١٨')).toEqual(phraseTokens('القرار 1718'));
  });

  it('German: a compound of a known weapon word or head reads as its two parts', () => {
    expect(phraseTokens('Raketenexporte')).toEqual(['raketen', 'exporte']);
    expect(phraseTokens('Sprengstoffherstellung')).toEqual(['sprengstoff', 'herstellung']);
    expect(phraseTokens('Kamikazedrohnen')).toEqual(['kamikaze', 'drohnen']);
    // English words ending in a German head keep a first part too short to split.
    expect(phraseTokens('ammunition')).toEqual(['ammunition']);
    const text = 'Die Rüstungsexporte stiegen.';
    const [first, second] = tokenise(text).tokens.slice(1, 3);
    expect([text.slice(first.start, first.end), text.slice(second.start, second.end)]).toEqual([
      'Rüstungs',
      'exporte',
    ]);
  });

  it('French, Spanish, German: elision splits, accents fold', () => {
    expect(phraseTokens("l'embargo d'armes")).toEqual(['l', 'embargo', 'd', 'armes']);
    same('Waffenlieferungen', 'waffenlieferungen');
    same('Sanktionsbrüche', 'sanktionsbruche');
  });

  it('a Russian name whose stem inflection cuts to three letters is still a full name (regression: Ливия → лив read as weak)', () => {
    const m = compileMatcher({
      watchlists: [
        {
          name: 'states',
          tags: [],
          entries: [
            {
              name: 'Libya',
              kind: 'state',
              aliases: ['Ливия'],
              weakAliases: [],
              identifiers: [],
              tags: [],
            },
          ],
        },
      ],
    });
    const r = m.match({ title: 'Ливия закупила оружие', body: '' });
    expect(r.matches.some((x) => x.name === 'Libya')).toBe(true);
  });

  it('offsets still quote the original text', () => {
    const text = '북한이 러시아에 포탄을 보냈다';
    const { tokens } = tokenise(text);
    expect(text.slice(tokens[0].start, tokens[0].end)).toBe('북한이');
    expect(tokens[0].norm).toBe('북한');
  });

  it('a name in another script matches through the same normalisation', () => {
    const m = compileMatcher({
      watchlists: [
        {
          name: 'states',
          tags: [],
          entries: [
            {
              name: 'DPRK',
              kind: 'state',
              aliases: ['КНДР', '북한', '朝鲜', 'كوريا الشمالية'],
              weakAliases: [],
              identifiers: [],
              tags: [],
            },
          ],
        },
      ],
    });
    for (const title of [
      'Поставки из КНДР',
      '북한의 포탄',
      '朝鲜向俄罗斯提供炮弹',
      'صواريخ من كوريا الشمالية',
    ])
      expect(
        m.match({ title, body: '' }).matches.map((x) => x.name),
        title,
      ).toContain('DPRK');
  });
});

describe('vocabulary files', () => {
  it('every file in src/matching/vocabulary is loaded and valid', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { readVocabularyFile, BUILTIN_VOCABULARY } =
      await import('../../../src/matching/vocabulary.js');
    const dir = path.join(import.meta.dirname, '../../../src/matching/vocabulary');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const groups = readVocabularyFile(f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
      // Loaded: its first phrase of its first group is in the merged vocabulary.
      const [group, phrases] = Object.entries(groups)[0];
      expect(BUILTIN_VOCABULARY[group], f).toContain(phrases[0]);
    }
  });

  it('refuses an unknown group, naming the file', async () => {
    const { readVocabularyFile } = await import('../../../src/matching/vocabulary.js');
    expect(() => readVocabularyFile('xx.json', { armz: ['x'] })).toThrow(/xx\.json.*armz/);
  });
});

import { describe, expect, it } from 'vitest';
import { phraseTokens } from '../../../src/matching/text.js';
import { shippedMatcher } from './shipped.js';

const same = (a: string, b: string) => expect(phraseTokens(a)).toEqual(phraseTokens(b));
const cats = (title: string): string[] =>
  shippedMatcher().match({ title, body: '', published: '2024-06-01' }).categories;
const BOTH = ['arms_transfer', 'un_violation'];

describe('normalisation added for detection in eight languages', () => {
  it('Russian and Ukrainian nouns in -ет keep their stem in every case', () => {
    same('ракет', 'ракета');
    same('ракетами', 'ракета');
    same('пістолет', 'пістолети');
    expect(phraseTokens('ракет')).not.toEqual(phraseTokens('рак'));
  });

  it('Korean reported speech: the quotative ending comes off', () => {
    same('보냈다고', '보냈다');
    same('제공했다며', '제공');
  });

  it('Korean -산 (of origin) leaves the state: 북한산 reads as 북한', () => {
    same('북한산', '북한');
    same('러시아산', '러시아');
  });

  it('Arabic attached pronouns come off: صاروخها reads as صاروخ', () => {
    same('صاروخها', 'صاروخ');
    same('أطلقتها', 'أطلقت');
  });

  it('Chinese variant characters read as the vocabulary writes them', () => {
    expect(phraseTokens('砲彈')).toEqual(phraseTokens('炮彈'));
  });
});

describe('a positive and a trap in each language, shipped watchlists', () => {
  const cases: [string, string, string[]][] = [
    ['ru', 'Пхеньян отправил в Россию партию артиллерийских снарядов, сообщила разведка.', BOTH],
    ['ru', 'Войска применили ракеты, изготовленные в КНДР.', BOTH],
    ['ru', 'На параде Победы в Москве показали новые танки и ракетные комплексы.', []],
    ['uk', 'Іран передав Росії ударні дрони, заявили в розвідці.', ['arms_transfer']],
    ['uk', 'Росія застосувала ракети, виготовлені в КНДР.', BOTH],
    ['uk', 'Футбольний клуб оголосив про трансфер нападника за 20 мільйонів.', []],
    ['ko', '북한이 러시아에 포탄을 보냈다고 국정원이 밝혔다', BOTH],
    ['ko', '축구 대표팀 선수의 이적 협상이 마무리됐다', []],
    ['zh', '朝鲜向俄罗斯运送了大批炮弹和导弹。', BOTH],
    ['zh', '朝鮮向俄羅斯運送了大批砲彈。', BOTH],
    ['zh', '国庆阅兵展示了新型导弹。', []],
    ['zh', '俄軍空襲中使用了北韓製造的彈道飛彈。', BOTH],
    ['ar', 'ضبطت البحرية شحنة أسلحة مهربة متجهة إلى الحوثيين', BOTH],
    ['ar', 'الاتحاد الآسيوي لكرة القدم يفرض عقوبات على النادي', []],
    ['fr', "La Corée du Nord a livré des obus d'artillerie à la Russie, selon Séoul.", BOTH],
    ['fr', "Le club a officialisé le transfert de son attaquant vers l'Espagne.", []],
    [
      'es',
      'Irán envió drones armados a Rusia, según la inteligencia británica.',
      ['arms_transfer'],
    ],
    ['es', 'La FIFA sancionó al club por violar las reglas de transferencias.', []],
    ['de', 'Nordkorea hat Artilleriegranaten an Russland geliefert.', BOTH],
    ['de', 'Bei der Militärparade in Peking wurden neue Raketen gezeigt.', []],
  ];
  for (const [lang, text, expected] of cases)
    it(`${lang}: ${text}`, () => expect(cats(text)).toEqual(expected));
});

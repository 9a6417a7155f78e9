import { describe, expect, it } from 'vitest';
import { shippedMatcher } from './shipped.js';

const CODES: Record<string, string[]> = {
  '-': [],
  A: ['arms_transfer'],
  U: ['un_violation'],
};
const categories = (text: string): string[] =>
  shippedMatcher().match({ title: text, body: '', published: '2024-06-01' }).categories;

/** Transfers said with words the vocabularies lacked: a ceded warship, a landing craft, SPAAGs. */
describe('transfer and materiel words found missing on fresh data', () => {
  it.each([
    [
      'ko: a warship ceded free of charge',
      'A',
      '정부는 퇴역 초계함을 필리핀 해군에 무상으로 양도했다.',
    ],
    [
      'uk: a landing hovercraft',
      'A',
      'Україна передала Китаю десантний корабель на повітряній подушці.',
    ],
    [
      'uk: self-propelled anti-aircraft guns',
      'A',
      'Німеччина передала Україні зенітні самохідні установки Gepard.',
    ],
    [
      'ru: a limousine received by the DPRK leader',
      'U',
      'Ким Чен Ын получил в подарок от Путина автомобиль Aurus.',
    ],
  ])('%s', (_name, expected, text) => {
    expect(categories(text)).toEqual(CODES[expected]);
  });
});

/** Each refusal beside the same sentence without it, which alerts: the phrase is what stops it. */
describe('refusals, exclusions and hypotheticals found missing on fresh data', () => {
  it.each([
    [
      'uk: future "will not send"',
      'Шольц заявив, що не відправлятиме Україні крилаті ракети Taurus.',
      'Шольц заявив, що відправить Україні крилаті ракети Taurus.',
    ],
    [
      'zh: "refused to let" a re-export',
      '瑞士拒絕讓德國把瑞士製彈藥轉交烏克蘭。',
      '瑞士同意讓德國把瑞士製彈藥轉交烏克蘭。',
    ],
    [
      'ru: deliveries that "would" do harm',
      'Ушаков заявил, что поставки ракет Tomahawk Украине нанесли бы серьёзный ущерб отношениям.',
      'Ушаков заявил, что поставки ракет Tomahawk Украине начались.',
    ],
    [
      'en: approvals withheld',
      'Germany will approve no exports of military equipment to Israel that could be used in Gaza.',
      'Germany will approve exports of military equipment to Israel.',
    ],
  ])('%s', (_name, refused, done) => {
    expect(categories(refused)).toEqual([]);
    expect(categories(done)).toEqual(['arms_transfer']);
  });

  it('zh: an incident "30 years on" is history', () => {
    expect(categories('“银河号”事件30年：美国指控货轮载有运往伊朗的化学武器原料。')).toEqual([]);
  });
});

/** Halts, refusals and non-transfer senses in Arabic, German, Spanish and French. */
describe('halts, refusals and other senses found on fresh data in four more languages', () => {
  it.each([
    [
      'ar: no new export licences',
      'أعلنت الحكومة الألمانية وقف منح تراخيص جديدة لتصدير الأسلحة الى السعودية.',
    ],
    ['de: a delivery rejected', 'Lula lehnt Munitionslieferungen für die Ukraine ab.'],
    [
      'de: a launch vehicle',
      'Die erste in Deutschland gebaute Trägerrakete stürzte nach dem Start in Norwegen ab.',
    ],
    [
      'es: a munitions subsidiary bought',
      'Rheinmetall compra Expal, la filial de municiones de Maxam.',
    ],
    [
      'fr: exports ordered stopped',
      "La justice ordonne l'arrêt des exportations de pièces de F-35 vers Israël.",
    ],
    [
      'fr: a re-export refused',
      "Berne refuse que l'Allemagne transmette à Kiev des munitions suisses.",
    ],
  ])('%s', (_name, text) => {
    expect(categories(text)).toEqual([]);
  });

  it.each([
    [
      'ar: licences granted',
      'أعلنت الحكومة الألمانية منح تراخيص جديدة لتصدير الأسلحة الى السعودية.',
    ],
    ['de: deliveries approved', 'Brasilien genehmigt Munitionslieferungen für die Ukraine.'],
    [
      'de: howitzers arrived, plural name',
      'Die ersten Panzerhaubitzen 2000 aus Deutschland sind in der Ukraine eingetroffen.',
    ],
    [
      'fr: exports continued',
      'Les Pays-Bas poursuivent les exportations de pièces de F-35 vers Israël.',
    ],
  ])('%s still alerts', (_name, text) => {
    expect(categories(text)).toEqual(['arms_transfer']);
  });
});

describe('measures meant to prevent a transfer report none', () => {
  it.each([
    [
      'ar',
      'يؤكد التحالف أن القيود ضرورية لمنع تهريب السلاح الى الحوثيين.',
      'يؤكد التحالف أن شبكة إيرانية تولت تهريب السلاح الى الحوثيين.',
    ],
    [
      'en',
      'The coalition says the checks are needed to prevent the smuggling of weapons to the Houthis.',
      'The coalition says a network handled the smuggling of weapons to the Houthis.',
    ],
  ])('%s', (_lang, prevented, done) => {
    expect(categories(prevented)).toEqual([]);
    expect(categories(done)).toEqual(['arms_transfer', 'un_violation']);
  });
});

describe('English transfer and refusal wording found missing on a news-wire day', () => {
  it.each([
    [
      '"had given Ukraine"',
      "Norway's defence ministry said it had given Ukraine a batch of M109 self-propelled howitzers.",
    ],
    ['a foreign system picked', 'Norway picks Korean K9 howitzers.'],
    [
      'security assistance that includes a system',
      'Biden announced $1.85 billion in security assistance that includes a Patriot missile battery for Ukraine.',
    ],
    [
      'leasing a number of drones',
      'The committee approved leasing five Heron TP drones from Israel.',
    ],
  ])('%s', (_name, text) => {
    expect(categories(text)).toEqual(['arms_transfer']);
  });

  it('export licences revoked report nothing moving', () => {
    expect(categories('Italy revoked the licences for bombs bound for Saudi Arabia.')).toEqual([]);
  });
});

describe('Chinese: "projectiles" the DPRK fires are launches using missile technology', () => {
  it('the DPRK, traditional script', () => {
    expect(categories('北韓從元山附近發射多枚短程發射體')).toEqual(['un_violation']);
  });

  it('any other state: no measure', () => {
    expect(categories('南韓從元山附近發射多枚短程發射體')).toEqual([]);
  });
});

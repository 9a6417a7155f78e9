import { describe, expect, it } from 'vitest';
import { shippedMatcher } from './shipped.js';

/**
 * A state halting, suspending or freezing its arms exports reports that nothing moves, in every
 * language, while the same sentence with the exports going ahead is a transfer. Each case is
 * `[language, halted, going ahead]`.
 */
const HALTS: ReadonlyArray<readonly [string, string, string]> = [
  [
    'de',
    'Die Bundesregierung stoppt alle Waffenlieferungen an Saudi-Arabien.',
    'Die Bundesregierung liefert Waffen an Saudi-Arabien.',
  ],
  [
    'de',
    'Berlin genehmigt keine Ausfuhren von Rüstungsgütern an Israel mehr.',
    'Berlin genehmigt Ausfuhren von Rüstungsgütern an Israel.',
  ],
  [
    'fr',
    "Ottawa suspend ses livraisons d'armes à la Turquie.",
    "Ottawa reprend ses livraisons d'armes à la Turquie.",
  ],
  [
    'es',
    'España suspende la venta de armas a Israel.',
    'España autoriza la venta de armas a Israel.',
  ],
  [
    'ru',
    'Москва приостановила поставки зенитных комплексов С-300 в Иран.',
    'Москва возобновила поставки зенитных комплексов С-300 в Иран.',
  ],
  [
    'uk',
    'Канада призупинила постачання зброї до Туреччини.',
    'Канада відновила постачання зброї до Туреччини.',
  ],
  [
    'ar',
    'أعلنت إسبانيا تعليق صادرات الأسلحة إلى إسرائيل.',
    'أعلنت إسبانيا استئناف صادرات الأسلحة إلى إسرائيل.',
  ],
  ['zh', '美国宣布暂停军售，包括向台湾出售F-16战机。', '美国宣布军售，包括向台湾出售F-16战机。'],
  [
    'ko',
    '독일은 사우디아라비아에 대한 무기 수출을 중단했다.',
    '독일은 사우디아라비아에 무기를 수출했다.',
  ],
];

const categories = (text: string): string[] =>
  shippedMatcher().match({ title: text, body: '', published: '2024-06-01' }).categories;

describe('arms exports halted, suspended or frozen: nothing moves, in eight languages', () => {
  it.each(HALTS)('%s: %s', (_lang, halted, goingAhead) => {
    expect(categories(halted)).toEqual([]);
    expect(categories(goingAhead)).toEqual(['arms_transfer']);
  });
});

import { describe, expect, it } from 'vitest';
import { shippedMatcher } from './shipped.js';

const CODES: Record<string, string[]> = { '-': [], A: ['arms_transfer'] };
const categories = (text: string, published = '2024-06-01'): string[] =>
  shippedMatcher().match({ title: text, body: '', published }).categories;

describe('the Council imposing a ban reports no transfer and no breach', () => {
  it.each([
    [
      'an embargo imposed',
      'The Security Council unanimously imposed a 12-month embargo on weapons and munitions for Ethiopia and Eritrea.',
      '2000-05-17',
    ],
    [
      'arms sales banned',
      "The Security Council banned arms sales to Côte d'Ivoire for 13 months.",
      '2004-11-15',
    ],
    [
      'a recorded vote to bar deliveries',
      'The Council voted 14 to 0 to bar weapons deliveries to the Houthi leaders.',
      '2015-04-14',
    ],
    [
      'a bank paying over unilateral sanctions',
      'Commerzbank pays $1.45 billion over Iran and Sudan sanctions breaches.',
      '2015-03-12',
    ],
  ])('%s', (_name, text, published) => {
    expect(categories(text, published)).toEqual([]);
  });

  it('gangs the weapons are used against receive none: no Haiti breach', () => {
    expect(
      categories('Haiti received explosive drones from a US firm for the fight against gangs.'),
    ).toEqual(['arms_transfer']);
  });
});

/** A state's own forces abroad for drills, beside the same sentence without the drills. */
describe('systems sent abroad for exercises stay their owner’s, in several languages', () => {
  it.each([
    [
      'en',
      'A Russian frigate armed with Zircon missiles arrived off Durban for drills with China.',
      'A Russian frigate carrying Zircon missiles arrived off Durban for delivery to China.',
    ],
    [
      'ru',
      'Германия отправила в Литву танки Leopard для участия в учениях НАТО.',
      'Германия отправила в Литву танки Leopard.',
    ],
    [
      'es',
      'Alemania envió tanques Leopard a Lituania para unas maniobras de la OTAN.',
      'Alemania envió tanques Leopard a Lituania.',
    ],
    [
      'ko',
      '한국 해군은 연합훈련에 구축함과 잠수함을 보냈다.',
      '한국 해군은 필리핀에 구축함과 잠수함을 보냈다.',
    ],
  ])('%s', (_lang, drill, transfer) => {
    expect(categories(drill)).toEqual(CODES['-']);
    expect(categories(transfer)).toEqual(CODES.A);
  });
});

describe('arms in one sentence and a transfer verb in the next', () => {
  it.each([
    [
      'a parade and a delegation',
      'Russian tanks and artillery rolled through Red Square. China sent its defence minister to watch.',
    ],
    [
      'an airshow and a team',
      'Chinese J-20 fighters flew at the Zhuhai airshow. Russia sent a team of aerobatic pilots.',
    ],
  ])('with only a supplier state named, is not a transfer: %s', (_name, text) => {
    expect(categories(text)).toEqual([]);
  });

  it('with a sanctioned party in them, is', () => {
    expect(
      categories(
        'Piles of artillery shells were seen at the port of Rajin. Pyongyang shipped them to Russia by sea.',
      ),
    ).toEqual(['arms_transfer', 'un_violation']);
  });
});

describe('arms for a party the text says is under a UN arms embargo', () => {
  it('is a UN breach (rule 1: the text cites the embargo)', () => {
    expect(
      categories(
        'The frigate found 1,989 AK-47 rifles on a dhow bound for Somalia, which is under a UN arms embargo.',
        '2016-03-01',
      ),
    ).toEqual(['arms_transfer', 'un_violation']);
  });

  it.each([
    [
      'the same shipment with no embargo named',
      'The frigate found 1,989 AK-47 rifles on a dhow bound for Somalia.',
      ['arms_transfer'],
    ],
    [
      'an embargo the text says is absent',
      'Russia delivered Su-25 jets to Mali, which has no UN arms embargo.',
      ['arms_transfer'],
    ],
    [
      'the Council renewing the embargo',
      'The Security Council renewed the arms embargo on Somalia.',
      [],
    ],
  ])('is not: %s', (_name, text, expected) => {
    expect(categories(text, '2016-03-01')).toEqual(expected);
  });
});

/**
 * A state buying weapons from its own industry is procurement, not a transfer between parties
 * ("India's defence ministry orders Tejas jets from HAL"). The weapon-systems watchlist names each
 * system's `maker`; when a sentence names that maker state as the owner of the forces or ministry
 * that receives the system, and no other state, the sentence reports domestic procurement.
 */
import { phraseTokens, type Token } from './text.js';
import type { PhraseHit } from './phrase-index.js';
import type { EntityInfo, Payload } from './compile.js';
import { isTarget } from './party-roles.js';

/** How English news names the arms-making states (normalised tokens), by `maker` value. */
const MAKER_NAMES: Record<string, readonly string[]> = {
  'United States': ['us', 'u s', 'united states', 'american'],
  Russia: ['russia', 'russian', 'russian federation'],
  'Soviet Union': ['russia', 'russian', 'russian federation'],
  China: ['china', 'chinese', 'people republic of china'],
  India: ['india', 'indian'],
  France: ['france', 'french'],
  'United Kingdom': ['britain', 'british', 'uk', 'united kingdom', 'royal'],
  Germany: ['germany', 'german'],
  Israel: ['israel', 'israeli'],
  Turkey: ['turkey', 'turkish', 'turkiye'],
  'South Korea': ['south korea', 'south korean', 'republic of korea'],
  'North Korea': ['north korea', 'north korean'],
  Iran: ['iran', 'iranian', 'islamic republic of iran'],
  Ukraine: ['ukraine', 'ukrainian'],
  Italy: ['italy', 'italian'],
  Sweden: ['sweden', 'swedish'],
  Pakistan: ['pakistan', 'pakistani'],
  Japan: ['japan', 'japanese', 'japan self defense', 'japan self defence'],
  'South Africa': ['south africa', 'south african'],
  Poland: ['poland', 'polish'],
  Taiwan: ['taiwan', 'taiwanese'],
  Spain: ['spain', 'spanish'],
  Brazil: ['brazil', 'brazilian'],
  Australia: ['australia', 'australian'],
};

/** What a state's own buyer is called after its name ("Indian Air Force", "Israel's Defence Ministry"). */
const OWN_BUYERS = [
  'air force',
  'army',
  'navy',
  'military',
  'armed forces',
  'defence ministry',
  'defense ministry',
  'ministry of defence',
  'ministry of defense',
  'defence forces',
  'defense forces',
  'marines',
  'marine corps',
  'ground forces',
  'aerospace forces',
  'coast guard',
  'self defense forces',
  'self defence forces',
  // The state itself as the buyer ("India orders 97 more Tejas jets").
  'orders',
  'ordered',
  'buys',
  'bought',
  'inducts',
  'inducted',
].map((b) => b.split(' '));

/**
 * A state's own forces and procurement agencies as its own press names them, without the state's
 * name: in a Korean paper 육군 is the ROK Army, in a German one the Bundeswehr is Germany's. A
 * system bought by its maker's own forces is procurement ("Bundeswehr bestellt Puma", "K2 전차,
 * 육군에 배치", "L'armée de l'air commande des Rafale").
 */
const OWN_FORCES: Record<string, readonly string[]> = {
  Russia: [
    'вкс россии',
    'российская армия',
    'российской армии',
    'минобороны россии',
    'вс рф',
    'в войска',
    'министерству обороны',
    'министерство обороны',
    'минобороны',
    'войска получили',
  ],
  'Soviet Union': ['советская армия', 'советской армии'],
  China: ['解放军', '解放軍', '人民解放军', '人民解放軍', '中国军队', '中國軍隊'],
  France: ["armée de l'air", 'marine nationale', 'armée de terre', 'dga', 'armées françaises'],
  Germany: ['bundeswehr', 'luftwaffe', 'deutsche marine', 'heer', 'baainbw'],
  'South Korea': ['육군', '해군', '공군', '국군', '해병대', '방위사업청', '방사청', '우리 군'],
  Spain: [
    'armada española',
    'la armada',
    'ejército de tierra',
    'ejército del aire',
    'ejército español',
  ],
  Ukraine: ['зсу', 'збройні сили україни', 'збройних сил україни'],
  Taiwan: ['國軍', '空軍', '海軍', '陸軍', '國防部'],
  India: ['indian army', 'indian navy', 'indian air force'],
  Turkey: ['türk silahlı kuvvetleri'],
};

const OWN_FORCE_TOKENS: ReadonlyMap<string, string[][]> = new Map(
  Object.entries(OWN_FORCES).map(([maker, names]) => [maker, names.map((n) => phraseTokens(n))]),
);

/**
 * States the watchlists do not name but that most often receive arms from a maker's own stocks
 * ("Gepard aus Beständen der Bundeswehr für die Ukraine"): their mention makes the sentence a
 * transfer, not procurement.
 */
const STOCK_RECIPIENTS: readonly string[][] = [
  'ukraine украина украины украину україна україни україну 우크라이나 乌克兰 烏克蘭 اوكرانيا',
  'ucrania kiew kyiv kiev киев київ israel израиль ізраїль 이스라엘 以色列 اسرائيل',
  'taiwan тайвань 대만 台湾 台灣 تايوان',
]
  .flatMap((line) => line.split(' '))
  .map((w) => phraseTokens(w));

function namesAny(
  tokens: readonly Token[],
  from: number,
  to: number,
  names: readonly string[][],
): boolean {
  for (let i = from; i < to; i++)
    for (const n of names) if (i + n.length <= to && matchesAt(tokens, i, n)) return true;
  return false;
}

/** Whether the sentence `[from, to)` names one of the maker's own forces, and no usual recipient. */
function namesOwnForces(
  tokens: readonly Token[],
  from: number,
  to: number,
  maker: string,
): boolean {
  const names = OWN_FORCE_TOKENS.get(maker);
  return (
    names !== undefined &&
    namesAny(tokens, from, to, names) &&
    !namesAny(tokens, from, to, STOCK_RECIPIENTS)
  );
}

const NAMES: ReadonlyMap<string, string[][]> = new Map(
  Object.entries(MAKER_NAMES).map(([maker, names]) => [maker, names.map((n) => n.split(' '))]),
);

function matchesAt(tokens: readonly Token[], at: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (tokens[at + k]?.norm !== words[k]) return false;
  return true;
}

/**
 * Whether the sentence `[from, to)` names `maker` as the owner of a receiving force or ministry
 * ("the Indian Air Force", "Israel's Defence Ministry", "India orders").
 */
function namesOwnBuyer(tokens: readonly Token[], from: number, to: number, maker: string): boolean {
  const names = NAMES.get(maker);
  if (!names) return false;
  for (let i = from; i < to; i++) {
    for (const n of names) {
      if (!matchesAt(tokens, i, n)) continue;
      const j = i + n.length;
      if (OWN_BUYERS.some((b) => j + b.length <= to && matchesAt(tokens, j, b))) return true;
    }
  }
  return false;
}

/**
 * Whether the system is the maker's in the possessive ("China's J-20 enters service"). The
 * tokeniser drops the clitic, so the possessive shows as the three characters `'s ` between the
 * name's last token and the system. A bare adjective ("Russian T-72s reach Nicaragua") is not
 * enough: it names where the system was made, not who holds it.
 */
function ownedByMaker(tokens: readonly Token[], first: number, maker: string): boolean {
  return (NAMES.get(maker) ?? []).some((n) => {
    const at = first - n.length;
    if (at < 0 || tokens[at].sentence !== tokens[first].sentence) return false;
    return matchesAt(tokens, at, n) && tokens[first].start - tokens[first - 1].end === 3;
  });
}

/** Whether a state's mention is one of the maker's own names ("Russian" for Russia). */
function isMakerName(tokens: readonly Token[], h: PhraseHit<Payload>, maker: string): boolean {
  const names = NAMES.get(maker) ?? [];
  return names.some((n) => n.length === h.last - h.first + 1 && matchesAt(tokens, h.first, n));
}

/**
 * The hits of weapon systems whose sentence reports their maker state buying them for its own
 * forces, with no other state named there.
 */
export function domesticProcurement(
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
  entities: readonly EntityInfo[],
): number[] {
  const out: number[] = [];
  hits.forEach((h, i) => {
    if (!keep[i] || h.payload.type !== 'entity') return;
    const maker = entities[h.payload.entity].maker;
    if (maker === undefined || (!NAMES.has(maker) && !OWN_FORCE_TOKENS.has(maker))) return;
    const sentence = tokens[h.first].sentence;
    const otherState = hits.some(
      (o, k) =>
        keep[k] &&
        o.payload.type === 'entity' &&
        entities[o.payload.entity].kind === 'state' &&
        tokens[o.first].sentence === sentence &&
        !isMakerName(tokens, o, maker),
    );
    if (otherState) return;
    let from = h.first;
    while (from > 0 && tokens[from - 1].sentence === sentence) from--;
    let to = h.last + 1;
    while (to < tokens.length && tokens[to].sentence === sentence) to++;
    if (
      namesOwnBuyer(tokens, from, to, maker) ||
      namesOwnForces(tokens, from, to, maker) ||
      ownedByMaker(tokens, h.first, maker)
    )
      out.push(i);
  });
  return out;
}

/**
 * The hits of states that share a sentence with a weapon system another state makes: the
 * possible buyer of an imported system ("Bayraktar TB2s land in Niamey for Niger's air force").
 * Only systems whose maker's names are known count, so that its own name is never taken for a
 * foreign buyer; a state named as the target of the system is no buyer.
 */
export function foreignStates(
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
  entities: readonly EntityInfo[],
): number[] {
  const makersBySentence = new Map<number, Set<string>>();
  hits.forEach((h, i) => {
    if (!keep[i] || h.payload.type !== 'entity') return;
    const maker = entities[h.payload.entity].maker;
    // "China's J-20": the maker's own system, whoever else the sentence names.
    if (maker === undefined || !NAMES.has(maker) || ownedByMaker(tokens, h.first, maker)) return;
    const sentence = tokens[h.first].sentence;
    const set = makersBySentence.get(sentence) ?? new Set<string>();
    makersBySentence.set(sentence, set.add(maker));
  });
  if (makersBySentence.size === 0) return [];
  const out: number[] = [];
  hits.forEach((h, i) => {
    if (!keep[i] || h.payload.type !== 'entity' || entities[h.payload.entity].kind !== 'state')
      return;
    const makers = makersBySentence.get(tokens[h.first].sentence);
    if (!makers || isTarget(tokens, h.first, h.last)) return;
    if ([...makers].some((m) => !isMakerName(tokens, h, m))) out.push(i);
  });
  return out;
}

/**
 * A state buying weapons from its own industry is procurement, not a transfer between parties
 * ("India's defence ministry orders Tejas jets from HAL"). The weapon-systems watchlist names each
 * system's `maker`; when a sentence names that maker state as the owner of the forces or ministry
 * that receives the system, and no other state, the sentence reports domestic procurement.
 */
import type { Token } from './text.js';
import type { PhraseHit } from './phrase-index.js';
import type { EntityInfo, Payload } from './compile.js';

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
    if (maker === undefined || !NAMES.has(maker)) return;
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
    if (namesOwnBuyer(tokens, from, to, maker) || ownedByMaker(tokens, h.first, maker)) out.push(i);
  });
  return out;
}

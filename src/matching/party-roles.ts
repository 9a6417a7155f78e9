/**
 * The role a party's mention plays in its sentence, read from the words beside it: the recipient
 * of a transfer ("deliveries to Iran", "Iran bought"), a patron named only as a modifier
 * ("Iranian-backed militias"), or the target the weapons are used against ("to fight Islamic
 * State"). Regime inference asks these before it counts a mention as the party that acted.
 */
import { phraseTokens, type Token } from './text.js';
import { endsAt, wordSequences } from './token-sequences.js';
import type { PhraseHit } from './phrase-index.js';
import type { EntityInfo, Payload } from './compile.js';

/** Words before a party that make it the recipient ("deliveries to Iran"). */
const RECIPIENT_BEFORE = new Set(['to', 'for', 'into']);
/** Words after a party that make it the buyer ("Iran bought"). */
const RECIPIENT_AFTER = new Set([
  'bought',
  'buys',
  'buying',
  'purchased',
  'purchases',
  'acquired',
  'acquires',
  'received',
  'receives',
  'imported',
  'imports',
  'ordered',
  'orders',
]);

/**
 * Words just before a party that make it the weapons' target, not their recipient ("jets to
 * fight Islamic State", «против боевиков ИГ», "contre les shebab", «ضد داعش», 打击伊斯兰国).
 * Each is a token sequence: a Chinese word is several one-character tokens, and a character
 * alone (对 in 对胡塞武装提供, "to the Houthis") may mean the opposite.
 */
const TARGET_BEFORE = wordSequences([
  'against fight fighting combat combating battle battling counter strikes attacks target targeting lost retake recapture defeat bombing bombed shelling attacking striking pounding',
  'против борьбы борьбе ударов проти боротьби',
  'contre combattre lutter contra combatir luchar gegen bekampfen bekampfung kampf',
  'ضد لمحاربه محاربه لقتال قتال مكافحه لمكافحه',
  '打击 对抗 针对 抗击',
]);
/** Korean puts the target before its verb (IS를 격퇴, 알샤바브 소탕). */
const TARGET_AFTER = new Set(
  ['격퇴 소탕 상대 겨냥 대항'].flatMap((w) => w.split(' ').flatMap((x) => phraseTokens(x))),
);
/** How far before a party a target word may end ("against the militants of Islamic State"). */
const TARGET_WINDOW = 3;

/** Whether the mention names whom the weapons are used against. */
export function isTarget(tokens: readonly Token[], first: number, last: number): boolean {
  const sentence = tokens[first].sentence;
  for (let k = first - 1; k >= Math.max(0, first - TARGET_WINDOW); k--) {
    if (tokens[k].sentence !== sentence) break;
    if (TARGET_BEFORE.some((words) => endsAt(tokens, k, words, sentence))) return true;
  }
  const next = tokens[last + 1];
  return next !== undefined && next.sentence === sentence && TARGET_AFTER.has(next.norm);
}

/** Words after a party that make it the patron of someone else ("Iranian-backed militias"). */
const PATRON_AFTER = new Set(['backed', 'sponsored', 'aligned', 'allied', 'linked', 'funded']);

/**
 * Whether the mention only qualifies another party ("Iran-backed militias"): the party that acts
 * in the sentence is the militia, so the patron's mention shows no conduct of its own.
 */
export function isPatronOnly(tokens: readonly Token[], last: number): boolean {
  const next = tokens[last + 1];
  return (
    next !== undefined && next.sentence === tokens[last].sentence && PATRON_AFTER.has(next.norm)
  );
}

/** Words before "to" that make it no destination ("according to Iran", "close to Tehran"). */
const NOT_DESTINATION_TO = new Set([
  'according',
  'due',
  'close',
  'closer',
  'next',
  'similar',
  'thanks',
  'owing',
  'compared',
  'attributed',
  'linked',
  'loyal',
  'allied',
  'up',
]);

/** The word right before token `first` when it is in `words` and in the same sentence. */
function wordBefore(tokens: readonly Token[], first: number, words: ReadonlySet<string>) {
  const before = tokens[first - 1];
  return before !== undefined &&
    before.sentence === tokens[first].sentence &&
    words.has(before.norm)
    ? before.norm
    : undefined;
}

export function isRecipient(tokens: readonly Token[], first: number, last: number): boolean {
  const before = wordBefore(tokens, first, RECIPIENT_BEFORE);
  if (
    before !== undefined &&
    !(before === 'to' && NOT_DESTINATION_TO.has(tokens[first - 2]?.norm ?? ''))
  )
    return true;
  let next = last + 1;
  if (tokens[next]?.norm === 's') next++;
  const after = tokens[next];
  return after !== undefined && RECIPIENT_AFTER.has(after.norm);
}

/** The hits of states named as a recipient ("to Poland", "for Ukraine", "Poland bought"). */
export function recipientStates(
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
  entities: readonly EntityInfo[],
): number[] {
  const out: number[] = [];
  hits.forEach((h, i) => {
    if (!keep[i] || h.payload.type !== 'entity' || entities[h.payload.entity].kind !== 'state')
      return;
    if (isRecipient(tokens, h.first, h.last) && !isTarget(tokens, h.first, h.last)) out.push(i);
  });
  return out;
}

/** How far before "from <state>" the movement it closes may end ("arrived in Iran from Russia"). */
const SOURCE_WINDOW = 5;

/** Words before a state that name it as where the weapons come from ("from Russia", «из России»). */
const SOURCE_BEFORE = new Set(
  ['from', 'из', 'із', 'aus', 'desde', '从', '從'].flatMap(phraseTokens),
);

/**
 * Whether another state in the mention's sentence is named as the source ("arrived from Russia",
 * "to buy Su-35s from Russia") while the mention itself is not: the party then imports, and a
 * measure that bans only its exports sees no conduct of its own.
 */
export function isSupplied(
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
  entities: readonly EntityInfo[],
  index: number,
  moved: ReadonlySet<number>,
): boolean {
  const self = hits[index];
  if (self.payload.type !== 'entity') return false;
  const selfEntity = self.payload.entity;
  const sentence = tokens[self.first].sentence;
  const fromBefore = (first: number) => wordBefore(tokens, first, SOURCE_BEFORE) !== undefined;
  if (fromBefore(self.first)) return false;
  // "arrived from Russia", "to buy Su-35s from Russia": the "from" closes a movement, not
  // "according to intelligence from Ukraine".
  const afterMovement = (first: number) => {
    for (let k = first - 2; k >= Math.max(0, first - 1 - SOURCE_WINDOW); k--)
      if (moved.has(k) && tokens[k].sentence === sentence) return true;
    return false;
  };
  return hits.some((h, j) => {
    if (j === index || !keep[j] || h.payload.type !== 'entity') return false;
    if (h.payload.entity === selfEntity || tokens[h.first].sentence !== sentence) return false;
    return (
      entities[h.payload.entity].kind === 'state' && fromBefore(h.first) && afterMovement(h.first)
    );
  });
}

/** Whether the mention names where weapons come from: "from Iran", "Iran shipped", "Iran's supply". */
export function isSource(
  tokens: readonly Token[],
  first: number,
  last: number,
  transferStarts: ReadonlySet<number>,
): boolean {
  if (wordBefore(tokens, first, SOURCE_BEFORE) !== undefined) return true;
  // "Iran shipped", "Iran's supply", "Iran, which had sent": a few small words may come between.
  let next = last + 1;
  for (let skipped = 0; skipped < 3 && SOURCE_FILLERS.has(tokens[next]?.norm ?? ''); skipped++)
    next++;
  return transferStarts.has(next) || transferStarts.has(next + 1);
}

const SOURCE_FILLERS = new Set([
  's',
  'which',
  'that',
  'who',
  'has',
  'had',
  'have',
  'also',
  'reportedly',
  'allegedly',
  'itself',
  'then',
  'later',
]);

/** Words that join the names of a list ("Libya, Syria and Azerbaijan", «Ливия и Сирия»). */
const LIST_JOINERS = new Set(
  'and or и или і та або et ou y o und oder 和 与 與 及 및 و'.split(' ').flatMap(phraseTokens),
);

/**
 * Where the list of places holding the state mention at `index` begins ("drones that drew
 * attention in Libya, Syria and Azerbaijan"): the index of its lead word ("in"), or undefined
 * when the mention is in no such list. Such a state is a battlefield or market among others,
 * named as background, unless a movement verb just before the lead makes the places where
 * weapons were bought or sent (the caller checks that). Two states joined by "and" ("Russia and
 * North Korea") are often the two sides of a transfer, and a list after "from" names sources.
 */
export function listLead(
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
  entities: readonly EntityInfo[],
  index: number,
): number | undefined {
  const states = hits.filter(
    (h, j) => keep[j] && h.payload.type === 'entity' && entities[h.payload.entity].kind === 'state',
  );
  const self = hits[index];
  if (!states.includes(self)) return undefined;
  const sentence = tokens[self.first].sentence;
  const joinerAt = (at: number) =>
    tokens[at]?.sentence === sentence && LIST_JOINERS.has(tokens[at].norm);
  const next = (h: PhraseHit<Payload>) =>
    states.find((o) => o.first === h.last + 1 || (joinerAt(h.last + 1) && o.first === h.last + 2));
  const prev = (h: PhraseHit<Payload>) =>
    states.find((o) => o.last === h.first - 1 || (joinerAt(h.first - 1) && o.last === h.first - 2));
  const names = new Set<number>();
  const add = (h: PhraseHit<Payload>) => {
    if (h.payload.type === 'entity') names.add(h.payload.entity);
  };
  add(self);
  for (let h = next(self); h && tokens[h.first].sentence === sentence; h = next(h)) add(h);
  let first = self;
  for (let h = prev(self); h && tokens[h.first].sentence === sentence; h = prev(h)) {
    add(h);
    first = h;
  }
  if (names.size < 2) return undefined;
  // Only places or examples: "weapons from Iran, Russia and North Korea" names their sources.
  const lead = tokens[first.first - 1];
  if (lead === undefined || lead.sentence !== sentence || !PLACES_LEAD.has(lead.norm))
    return undefined;
  // "made in North Korea, Russia's supplier": the place of manufacture, not a backdrop.
  if (MADE.has(tokens[first.first - 2]?.norm ?? '')) return undefined;
  // A comma between two states, or three of them: "in Libya and Sudan" may be where arms went.
  const adjacent = (a: PhraseHit<Payload>) => states.some((o) => o.first === a.last + 1);
  return names.size >= 3 || adjacent(first) || adjacent(self) ? first.first - 1 : undefined;
}

const MADE = new Set(['made', 'built', 'produced', 'manufactured', 'assembled']);

/** Words before a list that make it places or examples ("in", "including", "like"). */
const PLACES_LEAD = new Set(
  'in including like as across в у en dans'.split(' ').flatMap(phraseTokens),
);

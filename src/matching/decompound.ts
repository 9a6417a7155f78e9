/**
 * German writes a weapon and what happens to it as one word: Waffenlieferungen, Raketenexporte,
 * Sprengstoffherstellung, Kamikazedrohnen. A compound whose last part is a known head
 * ("…lieferungen", "…exporte", "…drohnen") or that joins a weapon word to a known second part
 * ("Sprengstoff|herstellung") is read as two tokens, in item text and in vocabulary alike, so the
 * rules see the weapon and the transfer without every compound listed. Other compounds stay
 * whole: a Waffenruhe is a ceasefire, Panzerglas is glass, Raketenangriffe are strikes. Parts are
 * folded like tokens (ü → u, ß → ss).
 */

/** Last parts that carry a rule's meaning: a transfer or a weapon. */
const HEADS = [
  'lieferungen',
  'lieferung',
  'lieferanten',
  'lieferant',
  'exporte',
  'exporten',
  'ausfuhren',
  'ausfuhr',
  'geschafte',
  'geschaft',
  'schmuggel',
  'waffen',
  'drohnen',
  'raketen',
  'munition',
  'granaten',
  'geschosse',
  'gewehre',
  'sprengstoff',
].sort((a, b) => b.length - a.length);

/** First parts that name a weapon (with the linking -s German adds). */
const MODIFIERS = [
  'waffen',
  'rustungs',
  'munitions',
  'raketen',
  'drohnen',
  'granaten',
  'sprengstoff',
  'artillerie',
  'panzer',
].sort((a, b) => b.length - a.length);

/** Second parts that, after a weapon word, say it is made, moved or traded. */
const SECOND_PARTS = new Set([
  ...HEADS,
  'herstellung',
  'teile',
  'komponenten',
  'transport',
  'transporte',
  'ladung',
  'ladungen',
  'fracht',
  'handel',
  'handler',
]);

/** Compounds of those parts with an everyday sense: toy, parcel and show drones. */
const KEEP_WHOLE = new Set([
  'spielzeugdrohnen',
  'paketdrohnen',
  'lieferdrohnen',
  'kameradrohnen',
  'hobbydrohnen',
  'wasserwaffen',
  'schneewaffen',
]);

/** The shortest compound worth splitting: two parts of at least four letters. */
const MIN_LENGTH = 9;
const MIN_PART = 4;

/**
 * Where to split a lower-case, folded Latin word into two parts, or 0 when it is no compound of
 * the known parts. Only letters a–z count: the parts are German, and English words ending in
 * them ("ammunition") keep a first part too short to split.
 */
export function compoundSplit(norm: string): number {
  if (norm.length < MIN_LENGTH || !/^[a-z]+$/.test(norm) || KEEP_WHOLE.has(norm)) return 0;
  for (const head of HEADS) {
    if (norm.length - head.length >= MIN_PART && norm.endsWith(head))
      return norm.length - head.length;
  }
  for (const mod of MODIFIERS) {
    if (norm.startsWith(mod) && SECOND_PARTS.has(norm.slice(mod.length))) return mod.length;
  }
  return 0;
}

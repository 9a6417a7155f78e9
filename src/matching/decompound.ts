/**
 * German writes a weapon and what happens to it as one word: Waffenlieferungen, Raketenexporte,
 * Sprengstoffherstellung, Drohnenangriffe. A compound whose last part is a known head
 * ("…lieferungen", "…exporte") or whose first part is a known weapon word ("Raketen…",
 * "Sprengstoff…") is read as two tokens, in item text and in vocabulary alike, so the rules see
 * the weapon and the transfer without every compound listed. Parts are folded like tokens
 * (ü → u, ß → ss).
 */

/** Last parts that carry a rule's meaning: a transfer, a weapon, an embargo. */
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
  'drohne',
  'raketen',
  'rakete',
  'munition',
  'granaten',
  'geschosse',
  'gewehre',
  'sprengstoff',
  'embargo',
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
  'kampfjet',
  'kampfflugzeug',
  'flugabwehr',
  'luftabwehr',
  'panzer',
].sort((a, b) => b.length - a.length);

/** The shortest compound worth splitting: two parts of at least four letters. */
const MIN_LENGTH = 9;
const MIN_PART = 4;

/**
 * Where to split a lower-case, folded Latin word into two parts, or 0 when it is no compound of
 * the known parts. Only letters a–z count: the heads and modifiers are German, and English words
 * ending in them ("ammunition") keep their first part too short to split.
 */
export function compoundSplit(norm: string): number {
  if (norm.length < MIN_LENGTH || !/^[a-z]+$/.test(norm)) return 0;
  for (const head of HEADS) {
    if (norm.length - head.length >= MIN_PART && norm.endsWith(head))
      return norm.length - head.length;
  }
  for (const mod of MODIFIERS) {
    if (norm.length - mod.length >= MIN_PART && norm.startsWith(mod)) return mod.length;
  }
  return 0;
}

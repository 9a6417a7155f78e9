import type { PhraseHit } from './phrase-index.js';
import type { Payload } from './compile.js';
import type { Token } from './text.js';
import { Group } from './groups.js';
import { ORIGIN_SUFFIXES } from './vocabulary.js';

/** An origin found: a state's name with an origin word beside it. */
export interface OriginFound {
  /** The state's hit. */
  hit: number;
  first: number;
  last: number;
}

/** Latin-script origin suffixes that are also verbs: "Ukrainian-made" names a maker, "Ukraine made" a deed. */
const VERBAL_SUFFIXES = new Set(
  ORIGIN_SUFFIXES.filter((w) => /^[a-z]+$/.test(w) && w !== 'origin'),
);

/**
 * Weapons attributed to a state by an origin word beside its name: "Iranian-made", "of Soviet
 * origin", «произведённые в Иране», "fabriqués en Iran", 俄罗斯制造. A state and a verb with a
 * space between ("Ukraine produced two million drones") is a deed, not an origin: only the
 * hyphenated form of a Latin verb suffix counts.
 */
export function findOrigins(
  text: string,
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
): OriginFound[] {
  const out: OriginFound[] = [];
  // Origin words by the token they touch a name at: one pass, not a search per name.
  const prefixEndingAt = new Map<number, PhraseHit<Payload>>();
  const suffixStartingAt = new Map<number, PhraseHit<Payload>>();
  for (const h of hits) {
    if (h.payload.type !== 'term') continue;
    if (h.payload.group === Group.OriginPrefix) prefixEndingAt.set(h.last, h);
    else if (h.payload.group === Group.OriginSuffix) suffixStartingAt.set(h.first, h);
  }
  if (prefixEndingAt.size === 0 && suffixStartingAt.size === 0) return out;
  hits.forEach((h, i) => {
    if (h.payload.type !== 'entity' || h.payload.origin !== true) return;
    const prefix = prefixEndingAt.get(h.first - 1);
    if (prefix && tokens[prefix.first].sentence === tokens[h.first].sentence) {
      out.push({ hit: i, first: prefix.first, last: h.last });
      return;
    }
    const suffix = suffixStartingAt.get(h.last + 1);
    if (!suffix || tokens[suffix.first].sentence !== tokens[h.first].sentence) return;
    if (VERBAL_SUFFIXES.has(tokens[suffix.first].norm)) {
      const gap = text.slice(tokens[h.last].end, tokens[suffix.first].start);
      if (!/[-‐‑–]/.test(gap)) return;
    }
    out.push({ hit: i, first: h.first, last: suffix.last });
  });
  return out;
}

import type { PhraseHit } from './phrase-index.js';
import type { Payload } from './compile.js';
import type { Token } from './text.js';
import { Group } from './groups.js';

/** An origin found: a state's name with an origin word beside it. */
export interface OriginFound {
  /** The state's hit. */
  hit: number;
  first: number;
  last: number;
}

/** Latin-script origin suffixes that are also verbs: "Ukrainian-made" names a maker, "Ukraine made" a deed. */
const VERBAL_SUFFIXES = new Set([
  'made',
  'built',
  'manufactured',
  'produced',
  'designed',
  'supplied',
]);

function termAt(
  hits: readonly PhraseHit<Payload>[],
  group: string,
  at: (h: PhraseHit<Payload>) => boolean,
): PhraseHit<Payload> | undefined {
  return hits.find((h) => h.payload.type === 'term' && h.payload.group === group && at(h));
}

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
  hits.forEach((h, i) => {
    if (h.payload.type !== 'entity' || h.payload.origin !== true) return;
    const prefix = termAt(hits, Group.OriginPrefix, (p) => p.last + 1 === h.first);
    if (prefix && tokens[prefix.first].sentence === tokens[h.first].sentence) {
      out.push({ hit: i, first: prefix.first, last: h.last });
      return;
    }
    const suffix = termAt(hits, Group.OriginSuffix, (s) => s.first === h.last + 1);
    if (!suffix || tokens[suffix.first].sentence !== tokens[h.first].sentence) return;
    if (VERBAL_SUFFIXES.has(tokens[suffix.first].norm)) {
      const gap = text.slice(tokens[h.last].end, tokens[suffix.first].start);
      if (!/[-‐‑–]/.test(gap)) return;
    }
    out.push({ hit: i, first: h.first, last: suffix.last });
  });
  return out;
}

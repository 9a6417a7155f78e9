import type { PhraseHit } from './phrase-index.js';
import type { Payload } from './compile.js';
import type { Token } from './text.js';
import { Group } from './groups.js';

/** Latin-script origin suffixes that are also verbs: "Ukrainian-made" names a maker, "Ukraine made" a deed. */
const VERBAL_SUFFIXES = new Set([
  'made',
  'built',
  'manufactured',
  'produced',
  'designed',
  'supplied',
]);

/**
 * Origin hits written as a state and a verb with a space between ("Ukraine produced two million
 * drones"): the state did something, no weapon is attributed to it. Only the hyphenated form
 * ("Ukrainian-produced") names where a weapon came from.
 */
export function verbalOrigins(
  text: string,
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
): number[] {
  const out: number[] = [];
  hits.forEach((h, i) => {
    if (!keep[i] || h.payload.type !== 'term' || h.payload.group !== Group.Origin) return;
    if (h.last === h.first || !VERBAL_SUFFIXES.has(tokens[h.last].norm)) return;
    const gap = text.slice(tokens[h.last - 1].end, tokens[h.last].start);
    if (!/[-‐‑–]/.test(gap)) out.push(i);
  });
  return out;
}

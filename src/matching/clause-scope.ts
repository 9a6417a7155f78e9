/**
 * A refusal's reach within its sentence. "Berlin will not send Taurus, but it delivered Patriots"
 * refuses one transfer and reports another: the refusal voids its sentence for the transfer
 * rules only when no transfer of arms follows it across a contrast ("but", «но», 但).
 */
import { phraseTokens, type Token } from './text.js';
import { Group } from './groups.js';
import type { Occurrence } from './regime-inference.js';

/** Words that turn a sentence from what was refused to what was done, in nine languages. */
const CONTRAST = new Set(
  [
    'but however whereas instead although yet',
    'aber jedoch sondern dagegen',
    'mais cependant tandis',
    'pero sino mientras',
    'но однако зато',
    'але проте однак натомість',
    '但 但是 却 卻 而是',
    '하지만 그러나 반면',
    'لكن لكنه لكنها بينما',
  ].flatMap((line) => line.split(' ').flatMap((w) => phraseTokens(w))),
);

const ARMS_SIGNALS = [Group.Arms, 'kind:weapon_system'];

/**
 * Drops each refusal that a contrast later in its sentence turns away from: after the contrast
 * the sentence names both arms and a transfer predicate, so it reports a transfer after all.
 */
export function scopeRefusals(occs: Map<string, Occurrence[]>, tokens: readonly Token[]): void {
  const refusals = occs.get(Group.Refusal);
  if (!refusals || refusals.length === 0) return;
  const after = (signals: readonly string[], from: number, sentence: number) =>
    signals.some((s) => (occs.get(s) ?? []).some((o) => o.sentence === sentence && o.first > from));
  const kept = refusals.filter((r) => {
    for (let k = r.last + 1; k < tokens.length && tokens[k].sentence === r.sentence; k++) {
      if (!CONTRAST.has(tokens[k].norm)) continue;
      if (after(ARMS_SIGNALS, k, r.sentence) && after([Group.Transfer], k, r.sentence))
        return false;
    }
    return true;
  });
  if (kept.length === 0) occs.delete(Group.Refusal);
  else occs.set(Group.Refusal, kept);
}

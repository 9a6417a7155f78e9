/**
 * A refusal's reach within its sentence. "Berlin will not send Taurus, but it delivered Patriots"
 * refuses one transfer and reports another, and "Iran shipped missiles despite a resolution that
 * bans arms sales" names a ban only as the background of a transfer: the refusal voids its
 * sentence for the transfer rules only when neither turn is there.
 */
import type { Token } from './text.js';
import { Group } from './groups.js';
import type { Occurrence } from './regime-inference.js';
import { startsAt, wordSequences } from './token-sequences.js';

/** Words that turn a sentence from what was refused to what was done, in nine languages. */
const CONTRAST = wordSequences([
  'but however whereas instead',
  'aber jedoch sondern dagegen doch',
  'mais cependant',
  'pero sino',
  'но однако зато',
  'але проте однак натомість',
  '但 但是 却 卻 而是',
  '하지만 그러나 반면',
  'لكن لكنه لكنها بينما',
]);

/** Words that make what follows a concession ("despite a ban"): the ban is not the news. */
const CONCESSIVE = wordSequences([
  'despite notwithstanding although though',
  'trotz',
  'malgre',
  'pese',
  'вопреки несмотря',
  'попри незважаючи всупереч',
  '尽管 儘管 不顾 不顧',
  '불구하고',
  'رغم',
]);

const ARMS_SIGNALS = [Group.Arms, 'kind:weapon_system'];

/**
 * Drops each refusal that a contrast later in its sentence turns away from (arms and a transfer
 * predicate follow it), and each one a concession earlier in its sentence makes background (a
 * transfer predicate outside the refusal is in the sentence).
 */
export function scopeRefusals(occs: Map<string, Occurrence[]>, tokens: readonly Token[]): void {
  const refusals = occs.get(Group.Refusal);
  if (!refusals || refusals.length === 0) return;
  const inSentence = (
    signals: readonly string[],
    r: Occurrence,
    keep: (o: Occurrence) => boolean,
  ) => signals.some((s) => (occs.get(s) ?? []).some((o) => o.sentence === r.sentence && keep(o)));
  const kept = refusals.filter((r) => {
    for (let k = r.last + 1; k < tokens.length && tokens[k].sentence === r.sentence; k++) {
      if (!CONTRAST.some((words) => startsAt(tokens, k, words))) continue;
      const after = (o: Occurrence) => o.first > k;
      if (inSentence(ARMS_SIGNALS, r, after) && inSentence([Group.Transfer], r, after))
        return false;
    }
    for (let k = r.first - 1; k >= 0 && tokens[k].sentence === r.sentence; k--) {
      if (!CONCESSIVE.some((words) => startsAt(tokens, k, words))) continue;
      const outside = (o: Occurrence) => o.last < r.first || o.first > r.last;
      if (inSentence([Group.Transfer, Group.Trafficking], r, outside)) return false;
    }
    return true;
  });
  if (kept.length === 0) occs.delete(Group.Refusal);
  else occs.set(Group.Refusal, kept);
}

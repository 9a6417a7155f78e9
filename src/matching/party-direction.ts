/**
 * Which way weapons move for a party, read from the words around its mentions: a party named
 * only as a buyer under an export-only ban, where transfers start, and whether a list of places
 * follows a movement ("buying shells in North Korea, Iran and Belarus").
 */
import type { Token } from './text.js';
import { Group } from './groups.js';
import { isRecipient, isSource, isSupplied } from './party-roles.js';
import type { InferenceInput } from './regime-inference.js';

/**
 * Whether the item names a party only as a buyer: some mention receives ("S-300s arrived from
 * Russia in Iran", "Iran bought") and none sends ("from Iran", "Iran shipped"). A measure that
 * bans the party's exports then sees none.
 */
export function importsOnly(
  input: InferenceInput,
  program: string,
  { transferStarts, moved }: Movement,
): boolean {
  const { compiled, hits, keep, tokens } = input;
  let receives = false;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (!keep[i] || h.payload.type !== 'entity') continue;
    if (compiled.entities[h.payload.entity].program !== program) continue;
    if (isSource(tokens, h.first, h.last, transferStarts)) return false;
    receives ||=
      isRecipient(tokens, h.first, h.last) ||
      isSupplied(tokens, hits, keep, compiled.entities, i, moved);
  }
  return receives;
}

/** Where transfers start (a party just before one sends) and the tokens of any movement word. */
export interface Movement {
  transferStarts: ReadonlySet<number>;
  moved: ReadonlySet<number>;
}

/** An item's {@link Movement}, read from its occurrences (once an item). */
export function movementTokens(input: InferenceInput): Movement {
  const occ = (groups: readonly string[]) => groups.flatMap((g) => input.occurrences.get(g) ?? []);
  const transferStarts = new Set(
    occ([Group.Transfer, Group.Arming, Group.Conveyance]).map((o) => o.first),
  );
  const moved = new Set<number>();
  for (const o of occ([Group.Transfer, Group.Arrival, Group.Conveyance, Group.Procurement]))
    for (let t = o.first; t <= o.last; t++) moved.add(t);
  return { transferStarts, moved };
}

/** How far before a list of places a movement verb makes them where weapons went or came from. */
const LIST_MOVEMENT_WINDOW = 8;

/** Whether a movement word ends shortly before token `at`, in its sentence ("buying shells in"). */
export function movedBefore(
  tokens: readonly Token[],
  moved: ReadonlySet<number>,
  at: number,
): boolean {
  for (let k = at - 1; k >= Math.max(0, at - LIST_MOVEMENT_WINDOW); k--) {
    if (tokens[k].sentence !== tokens[at].sentence) return false;
    if (moved.has(k)) return true;
  }
  return false;
}

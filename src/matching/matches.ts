import type { Compiled, Payload } from './compile.js';
import type { PhraseHit } from './phrase-index.js';
import type { Match } from './types.js';
import type { Token } from './text.js';
import { RESOLUTION_REGIME, COMMITTEE_REGIME } from './regimes.js';
import { Group } from './groups.js';

const REFERENCE_GROUPS = new Set<string>([
  Group.UnRef,
  Group.UnResolution,
  Group.UnPanel,
  Group.UnCap,
]);

/** The matches a result reports: every kept name, and the terms and references of rules that fired. */
export function buildMatches(
  c: Compiled,
  text: string,
  tokens: Token[],
  hits: PhraseHit<Payload>[],
  keep: boolean[],
  used: ReadonlySet<number>,
): Match[] {
  const out: Match[] = [];
  const seen = new Set<string>();
  hits.forEach((h, i) => {
    if (!keep[i]) return;
    const start = tokens[h.first].start;
    const end = tokens[h.last].end;
    const span = text.slice(start, end);
    let m: Match | undefined;
    if (h.payload.type === 'entity') {
      const e = c.entities[h.payload.entity];
      m = { kind: 'entity', list: e.list, name: e.name, text: span, start, end };
      if (e.ref) m.ref = e.ref;
    } else if (used.has(i)) {
      const g = h.payload.group;
      if (REFERENCE_GROUPS.has(g)) {
        m = {
          kind: 'reference',
          list: 'un-references',
          name: referenceName(span, tokens, h),
          text: span,
          start,
          end,
        };
      } else {
        m = { kind: 'term', list: `vocabulary.${g}`, name: g, text: span, start, end };
      }
    }
    if (!m) return;
    const key = `${m.list}|${m.name}|${start}|${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  });
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** `Security Council resolution 2231 (Iran)` when a number names a regime, else the text itself. */
function referenceName(span: string, tokens: Token[], h: PhraseHit<Payload>): string {
  for (let t = h.first; t <= h.last; t++) {
    const n = Number(tokens[t].norm);
    if (!Number.isInteger(n)) continue;
    const isCommittee = tokens.slice(h.first, h.last + 1).some((x) => x.norm === 'committee');
    const regime = isCommittee ? COMMITTEE_REGIME.get(n) : RESOLUTION_REGIME.get(n);
    if (isCommittee) return regime ? `${n} Committee (${regime.name})` : `${n} Committee`;
    return regime
      ? `Security Council resolution ${n} (${regime.name})`
      : `Security Council resolution ${n}`;
  }
  return span.replace(/\s+/g, ' ');
}

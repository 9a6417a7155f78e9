import type { Compiled, Payload } from './compile.js';
import type { PhraseHit } from './phrase-index.js';
import type { Clause, Rule } from './rule-schema.js';
import { plainText, type MatchInput, type MatchResult } from './types.js';
import { tokenise, type Sentence } from './text.js';
import { buildMatches } from './matches.js';
import { inferBreaches, partiesOutsideArmsMeasures, type Occurrence } from './regime-inference.js';
import { describeMeasure } from './measures.js';
import { domesticProcurement } from './makers.js';
import { Category, Group } from './groups.js';
import { EVENT_GROUPS, newestNamedYear, pastSentences } from './time-sense.js';

/** Score of a UN violation inferred from the regime table alone (no UN wording in the text). */
const INFERRED_BREACH_WEIGHT = 0.7;

type Occ = Occurrence;

interface Fired {
  clause: Clause;
  sentences: Set<number>;
  hits: Set<number>;
}

const ITEM_SENTENCE = -1;

/** Keeps the hits that count: traps and longer references shadow what they contain; weak names need support. */
function acceptHits(c: Compiled, hits: PhraseHit<Payload>[]): boolean[] {
  const keep = hits.map(() => true);
  const shadows = hits
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => h.payload.type === 'term' && c.shadowing.has(h.payload.group));
  const entityHits = hits.map((h, i) => ({ h, i })).filter(({ h }) => h.payload.type === 'entity');
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (h.payload.type === 'term') {
      const group = h.payload.group;
      for (const { h: s } of shadows) {
        if (s.payload.type !== 'term' || s.payload.group === group) continue;
        const only = c.shadowsOnly.get(s.payload.group);
        if (only && !only.has(group)) continue;
        if (s.first <= h.first && s.last >= h.last && s.last - s.first > h.last - h.first) {
          keep[i] = false;
          break;
        }
      }
    } else {
      // A name inside a longer name (Sudan in South Sudan) is not a match of its own.
      for (const { h: o } of entityHits) {
        if (o.first <= h.first && o.last >= h.last && o.last - o.first > h.last - h.first) {
          keep[i] = false;
          break;
        }
      }
    }
  }
  // A weak name (weak alias, short or ordinary word) counts only beside a strong name of its entry.
  const strongEntities = new Set<number>();
  hits.forEach((h, i) => {
    if (keep[i] && h.payload.type === 'entity' && !h.payload.weak)
      strongEntities.add(h.payload.entity);
  });
  hits.forEach((h, i) => {
    if (keep[i] && h.payload.type === 'entity' && h.payload.weak)
      keep[i] = strongEntities.has(h.payload.entity);
  });
  return keep;
}

/**
 * Matches one item. `now` dates items that carry no date of their own: measures are judged as
 * they stand on the item's date.
 */
export function matchItem(
  c: Compiled,
  threshold: number,
  input: MatchInput,
  now: number,
): MatchResult {
  const text = plainText(input);
  const { tokens, sentences } = tokenise(text);
  const hits = c.index.findAll(tokens);
  const keep = acceptHits(c, hits);

  const occs = new Map<string, Occ[]>();
  const add = (signal: string, o: Occ): void => {
    const l = occs.get(signal);
    if (l) l.push(o);
    else occs.set(signal, [o]);
  };
  const inNames = new Set<number>();
  hits.forEach((h, i) => {
    if (keep[i] && h.payload.type === 'entity')
      for (let t = h.first; t <= h.last; t++) inNames.add(t);
  });
  const retrospectiveIn = (sentence: (s: number) => boolean): boolean =>
    hits.some(
      (h, i) =>
        keep[i] &&
        h.payload.type === 'term' &&
        h.payload.group === Group.Retrospective &&
        sentence(tokens[h.first].sentence),
    );
  const published = publishedAt(input);
  const nowYear = new Date(now).getUTCFullYear();
  let at = now;
  let past: Set<number>;
  if (published !== undefined) {
    at = published;
    past = pastSentences(
      tokens,
      sentences.length,
      new Date(at).getUTCFullYear(),
      retrospectiveIn((s) => s === 0),
      inNames,
    );
  } else {
    // Undated: the text is as recent as the newest year it names, and only a look back that says
    // so ("historians", "decades ago") makes its old years history.
    const guessed = newestNamedYear(tokens, nowYear, inNames);
    if (guessed !== undefined) at = Date.UTC(guessed, 6, 1);
    past = retrospectiveIn(() => true)
      ? pastSentences(tokens, sentences.length, nowYear, true, inNames)
      : new Set();
  }
  hits.forEach((h, i) => {
    if (!keep[i] || (h.payload.type === 'term' && h.payload.group === Group.Traps)) return;
    const o: Occ = { hit: i, first: h.first, last: h.last, sentence: tokens[h.first].sentence };
    // What a sentence about the past reports happening is history, not news.
    if (h.payload.type === 'term' && past.has(o.sentence) && EVENT_GROUPS.has(h.payload.group))
      return;
    if (h.payload.type === 'term') add(h.payload.group, o);
    else for (const s of c.entities[h.payload.entity].signals) add(s, o);
  });

  // A state buying from its own industry is procurement, not a transfer.
  for (const i of domesticProcurement(tokens, hits, keep, c.entities)) {
    const h = hits[i];
    add(Group.DomesticIndustry, {
      hit: i,
      first: h.first,
      last: h.last,
      sentence: tokens[h.first].sentence,
    });
  }
  // A state whose UN arms measure was not in force then: arms reported to it breach nothing.
  const inference = { compiled: c, tokens, hits, keep, occurrences: occs, armsTransfer: false, at };
  for (const o of partiesOutsideArmsMeasures(inference)) add(Group.OutsideArmsMeasures, o);

  const scores: Record<string, number> = {};
  const reasons: Record<string, string[]> = {};
  const evidenceSentences = new Set<number>();
  const usedHits = new Set<number>();
  const firedCategories = new Set<string>();

  for (const rule of c.rules) {
    const fired = rule.clauses.flatMap((cl) => {
      const f = evaluateClause(cl, occs, firedCategories);
      return f ? [f] : [];
    });
    if (fired.length === 0) continue;
    let score = Math.max(...fired.map((f) => f.clause.weight));
    const why = fired.map((f) => f.clause.reason ?? f.clause.name);
    const firedSentences = new Set(fired.flatMap((f) => [...f.sentences]));
    const boostSentences: number[] = [];
    for (const b of rule.boosts) {
      const found = b.any.flatMap((s) =>
        (occs.get(s) ?? []).filter((o) => b.within === 'item' || firedSentences.has(o.sentence)),
      );
      if (found.length > 0) {
        score += b.weight;
        if (b.reason) why.push(b.reason);
        if (b.evidence) boostSentences.push(...found.map((o) => o.sentence));
      }
    }
    score = Math.min(1, score);
    scores[rule.category] = score;
    if (score >= threshold) {
      firedCategories.add(rule.category);
      reasons[rule.category] = why;
      for (const f of fired) {
        f.sentences.forEach((s) => s !== ITEM_SENTENCE && evidenceSentences.add(s));
        f.hits.forEach((h) => usedHits.add(h));
      }
      boostSentences.forEach((s) => evidenceSentences.add(s));
    }
  }

  if (c.rules.some((r) => r.category === Category.UnViolation)) {
    const armsTransfer = firedCategories.has(Category.ArmsTransfer);
    const breaches = inferBreaches({ ...inference, armsTransfer });
    if (breaches.length > 0) {
      const cat = Category.UnViolation;
      scores[cat] = Math.max(scores[cat] ?? 0, INFERRED_BREACH_WEIGHT);
      if (scores[cat] >= threshold) {
        firedCategories.add(cat);
        reasons[cat] = [
          ...(reasons[cat] ?? []),
          ...breaches.map((b) => describeMeasure(b.measure)),
        ];
        for (const b of breaches) {
          b.sentences.forEach((s) => evidenceSentences.add(s));
          b.hits.forEach((h) => usedHits.add(h));
        }
      }
    }
  }

  const categories = [...firedCategories].sort();
  const score = round(Math.max(0, ...Object.values(scores)));
  const matches = buildMatches(c, text, tokens, hits, keep, usedHits);
  const evidence = [...evidenceSentences]
    .sort((a, b) => a - b)
    .map((s) => sentenceText(text, sentences[s]));
  const result: MatchResult = {
    flagged: categories.length > 0,
    categories,
    score,
    matches,
    evidence,
  };
  if (categories.length > 0) result.reasons = reasons;
  return result;
}

function publishedAt(input: MatchInput): number | undefined {
  const t = input.published ? Date.parse(input.published) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function sentenceText(text: string, s: Sentence): string {
  return text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
}

function evaluateClause(
  cl: Clause,
  occs: Map<string, Occ[]>,
  categories: ReadonlySet<string>,
): Fired | undefined {
  const lookup = (sig: string | string[]): Occ[] | 'item' => {
    const sigs = Array.isArray(sig) ? sig : [sig];
    if (sigs.some((s) => s.startsWith('category:') && categories.has(s.slice(9)))) return 'item';
    return sigs.flatMap((s) => occs.get(s) ?? []);
  };
  for (const ctx of cl.context) {
    const l = lookup(ctx);
    if (l !== 'item' && l.length === 0) return undefined;
  }
  for (const n of cl.noneInItem) if ((occs.get(n) ?? []).length > 0) return undefined;
  const lists = cl.all.map(lookup);
  if (lists.some((l) => l !== 'item' && l.length === 0)) return undefined;
  const blocked = new Set(cl.none.flatMap((n) => (occs.get(n) ?? []).map((o) => o.sentence)));
  const fired: Fired = { clause: cl, sentences: new Set(), hits: new Set() };

  if (cl.within === 'item') {
    for (const l of lists) {
      if (l === 'item') continue;
      const o = l.find((x) => !blocked.has(x.sentence)) ?? l[0];
      if (blocked.has(o.sentence) && cl.none.length > 0) return undefined;
      fired.sentences.add(o.sentence);
      fired.hits.add(o.hit);
    }
    return fired;
  }
  const anchors = lists[0] === 'item' ? [] : lists[0];
  for (const a of anchors) {
    if (blocked.has(a.sentence)) continue;
    const chosen: Occ[] = [a];
    let ok = true;
    for (let k = 1; k < lists.length && ok; k++) {
      const l = lists[k];
      if (l === 'item') continue;
      const m =
        cl.within === 'sentence'
          ? l.find((o) => o.sentence === a.sentence)
          : l.find(
              (o) =>
                Math.abs(o.first - a.first) <= (cl.within as number) && !blocked.has(o.sentence),
            );
      if (!m) ok = false;
      else chosen.push(m);
    }
    if (!ok) continue;
    for (const o of chosen) {
      fired.sentences.add(o.sentence);
      fired.hits.add(o.hit);
    }
  }
  return fired.sentences.size > 0 ? fired : undefined;
}

export type { Rule };

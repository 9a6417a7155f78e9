import type { Clause, Rule } from './rule-schema.js';
import type { Occurrence } from './regime-inference.js';

type Occ = Occurrence;

/** A clause that fired: the sentences and hits that carry it. */
interface Fired {
  clause: Clause;
  sentences: Set<number>;
  hits: Set<number>;
}

/** What the rules made of an item's signals. */
export interface RuleOutcome {
  scores: Record<string, number>;
  reasons: Record<string, string[]>;
  evidenceSentences: Set<number>;
  usedHits: Set<number>;
  firedCategories: Set<string>;
}

/** A clause signal's sentence when the signal is a category that fired: the whole item. */
const ITEM_SENTENCE = -1;
const NO_OCCURRENCES: readonly Occ[] = [];
const NO_SENTENCES: ReadonlySet<number> = new Set();
const CATEGORY_PREFIX = 'category:';

/** Scores every rule in order; a rule may name the category of an earlier one that fired. */
export function scoreRules(
  rules: readonly Rule[],
  occs: ReadonlyMap<string, Occ[]>,
  threshold: number,
): RuleOutcome {
  const out: RuleOutcome = {
    scores: {},
    reasons: {},
    evidenceSentences: new Set(),
    usedHits: new Set(),
    firedCategories: new Set(),
  };
  for (const rule of rules) {
    const fired: Fired[] = [];
    for (const cl of rule.clauses) {
      const f = evaluateClause(cl, occs, out.firedCategories);
      if (f) fired.push(f);
    }
    if (fired.length > 0) scoreRule(rule, fired, occs, threshold, out);
  }
  return out;
}

function scoreRule(
  rule: Rule,
  fired: readonly Fired[],
  occs: ReadonlyMap<string, Occ[]>,
  threshold: number,
  out: RuleOutcome,
): void {
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
  out.scores[rule.category] = score;
  if (score >= threshold) {
    out.firedCategories.add(rule.category);
    out.reasons[rule.category] = why;
    for (const f of fired) {
      f.sentences.forEach((s) => s !== ITEM_SENTENCE && out.evidenceSentences.add(s));
      f.hits.forEach((h) => out.usedHits.add(h));
    }
    boostSentences.forEach((s) => out.evidenceSentences.add(s));
  }
}

function isFiredCategory(signal: string, categories: ReadonlySet<string>): boolean {
  return (
    categories.size > 0 &&
    signal.startsWith(CATEGORY_PREFIX) &&
    categories.has(signal.slice(CATEGORY_PREFIX.length))
  );
}

/**
 * The occurrences of a signal, or of any of a list of signals (in the list's order), or `item`
 * when one of them is a category that fired. Returns the engine's own arrays where it can: the
 * caller only reads them.
 */
function lookup(
  sig: string | readonly string[],
  occs: ReadonlyMap<string, Occ[]>,
  categories: ReadonlySet<string>,
): readonly Occ[] | 'item' {
  if (typeof sig === 'string')
    return isFiredCategory(sig, categories) ? 'item' : (occs.get(sig) ?? NO_OCCURRENCES);
  for (const s of sig) if (isFiredCategory(s, categories)) return 'item';
  let first: readonly Occ[] = NO_OCCURRENCES;
  let joined: Occ[] | undefined;
  for (const s of sig) {
    const l = occs.get(s);
    if (l === undefined || l.length === 0) continue;
    if (first.length === 0) first = l;
    else (joined ??= [...first]).push(...l);
  }
  return joined ?? first;
}

/** The sentences holding any of `signals`. */
function sentencesOf(
  signals: readonly string[],
  occs: ReadonlyMap<string, Occ[]>,
): ReadonlySet<number> {
  let out: Set<number> | undefined;
  for (const n of signals) {
    const l = occs.get(n);
    if (l) for (const o of l) (out ??= new Set()).add(o.sentence);
  }
  return out ?? NO_SENTENCES;
}

function evaluateClause(
  cl: Clause,
  occs: ReadonlyMap<string, Occ[]>,
  categories: ReadonlySet<string>,
): Fired | undefined {
  for (const ctx of cl.context) {
    const l = lookup(ctx, occs, categories);
    if (l !== 'item' && l.length === 0) return undefined;
  }
  for (const n of cl.noneInItem) if ((occs.get(n) ?? []).length > 0) return undefined;
  const lists: (readonly Occ[] | 'item')[] = [];
  for (const sig of cl.all) {
    const l = lookup(sig, occs, categories);
    if (l !== 'item' && l.length === 0) return undefined;
    lists.push(l);
  }
  const blocked = sentencesOf(cl.none, occs);
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

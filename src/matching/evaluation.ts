/** Precision, recall and F1 of predicted labels against gold labels (pure; used by `eval` and tests). */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface LabelledOutcome {
  id: string;
  title: string;
  gold: { flagged: boolean; categories: readonly string[] };
  predicted: { flagged: boolean; categories: readonly string[]; score: number };
}

export interface EvalReport {
  items: number;
  overall: Scores;
  categories: Record<string, Scores>;
  /** Items where flagging or a category disagreed. */
  misses: {
    id: string;
    title: string;
    kind: 'false_positive' | 'false_negative';
    category: string;
    score: number;
  }[];
}

export function scores(c: Counts): Scores {
  // An empty denominator means nothing was claimed (or nothing was there): count it as perfect.
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Scores outcomes overall ("flagged" = any category) and for each category in `categories`. */
export function evaluate(
  outcomes: readonly LabelledOutcome[],
  categories: readonly string[],
): EvalReport {
  const overall: Counts = { tp: 0, fp: 0, fn: 0 };
  const per: Record<string, Counts> = {};
  const all = [...new Set([...categories, ...outcomes.flatMap((o) => o.gold.categories)])].sort();
  for (const c of all) per[c] = { tp: 0, fp: 0, fn: 0 };
  const misses: EvalReport['misses'] = [];
  const tally = (c: Counts, p: boolean, g: boolean): void => {
    if (p && g) c.tp++;
    else if (p) c.fp++;
    else if (g) c.fn++;
  };
  for (const o of outcomes) {
    tally(overall, o.predicted.flagged, o.gold.flagged);
    if (o.predicted.flagged !== o.gold.flagged) {
      misses.push({
        id: o.id,
        title: o.title,
        kind: o.predicted.flagged ? 'false_positive' : 'false_negative',
        category: 'flagged',
        score: o.predicted.score,
      });
    }
    for (const c of all) {
      const p = o.predicted.categories.includes(c);
      const g = o.gold.categories.includes(c);
      tally(per[c], p, g);
      if (p !== g)
        misses.push({
          id: o.id,
          title: o.title,
          kind: p ? 'false_positive' : 'false_negative',
          category: c,
          score: o.predicted.score,
        });
    }
  }
  const out: Record<string, Scores> = {};
  for (const c of all) out[c] = scores(per[c]);
  return { items: outcomes.length, overall: scores(overall), categories: out, misses };
}

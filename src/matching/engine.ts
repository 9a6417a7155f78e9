import type { Compiled, Payload } from './compile.js';
import type { PhraseHit } from './phrase-index.js';
import type { Rule } from './rule-schema.js';
import { plainText, type MatchInput, type MatchResult } from './types.js';
import { tokenise, type Sentence, type Token } from './text.js';
import { scoreRules, type RuleOutcome } from './clauses.js';
import { buildMatches } from './matches.js';
import {
  inferBreaches,
  partiesOutsideArmsMeasures,
  type InferenceInput,
  type Occurrence,
} from './regime-inference.js';
import { describeMeasure } from './measures.js';
import { domesticProcurement, foreignStates } from './makers.js';
import { recipientStates } from './party-roles.js';
import { findOrigins } from './origins.js';
import { scopeRefusals } from './clause-scope.js';
import { besideSystemWord } from './system-words.js';
import { Category, Group } from './groups.js';
import { EVENT_GROUPS, newestNamedYear, pastSentences } from './time-sense.js';

/** Score of a UN violation inferred from the regime table alone (no UN wording in the text). */
const INFERRED_BREACH_WEIGHT = 0.7;

type Occ = Occurrence;

/** Keeps the hits that count: traps and longer references shadow what they contain; weak names need support. */
function acceptHits(c: Compiled, tokens: readonly Token[], hits: PhraseHit<Payload>[]): boolean[] {
  const keep = new Array<boolean>(hits.length).fill(true);
  const shadows: PhraseHit<Payload>[] = [];
  const entityHits: PhraseHit<Payload>[] = [];
  for (const h of hits) {
    if (h.payload.type === 'entity') entityHits.push(h);
    else if (c.shadowing.has(h.payload.group)) shadows.push(h);
  }
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (h.payload.type === 'term') {
      const group = h.payload.group;
      for (const s of shadows) {
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
      for (const o of entityHits) {
        if (o.first <= h.first && o.last >= h.last && o.last - o.first > h.last - h.first) {
          keep[i] = false;
          break;
        }
      }
    }
  }
  if (entityHits.length === 0) return keep;
  // A weak name (weak alias, short or ordinary word) counts only beside a strong name of its entry.
  const strongEntities = new Set<number>();
  hits.forEach((h, i) => {
    if (!keep[i] || h.payload.type !== 'entity') return;
    // A weak system name beside a weapon word is as good as a strong name for its other mentions.
    if (!h.payload.weak || besideWeaponWord(c, tokens, hits, keep, h))
      strongEntities.add(h.payload.entity);
  });
  hits.forEach((h, i) => {
    if (keep[i] && h.payload.type === 'entity' && h.payload.weak)
      keep[i] = strongEntities.has(h.payload.entity);
  });
  return keep;
}

/**
 * Whether a weak weapon-system name stands beside or inside a weapon word ("Patriot missiles",
 * "системи Patriot", "САУ Caesar", "ЗРК С-400"): the word says which sense the name has, in any
 * language, without a strong alias written for each.
 */
function besideWeaponWord(
  c: Compiled,
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
  h: PhraseHit<Payload>,
): boolean {
  if (h.payload.type !== 'entity' || c.entities[h.payload.entity].kind !== 'weapon_system')
    return false;
  if (besideSystemWord(tokens, h.first, h.last)) return true;
  return hits.some(
    (o, k) =>
      keep[k] &&
      o.payload.type === 'term' &&
      (o.payload.group === Group.Arms || o.payload.group === Group.MissileTech) &&
      (o.last === h.first - 1 ||
        o.first === h.last + 1 ||
        (o.first <= h.first && o.last >= h.last && o.last - o.first > h.last - h.first)),
  );
}

function addOccurrence(occs: Map<string, Occ[]>, signal: string, o: Occ): void {
  const l = occs.get(signal);
  if (l) l.push(o);
  else occs.set(signal, [o]);
}

/** Whether a kept retrospective term lies in the first sentence (`headlineOnly`) or anywhere. */
function retrospective(
  tokens: readonly Token[],
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
  headlineOnly: boolean,
): boolean {
  return hits.some(
    (h, i) =>
      keep[i] &&
      h.payload.type === 'term' &&
      h.payload.group === Group.Retrospective &&
      (!headlineOnly || tokens[h.first].sentence === 0),
  );
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
  // Every signal a rule or a measure reads comes from a hit: without one, nothing can fire.
  if (hits.length === 0)
    return { flagged: false, categories: [], score: 0, matches: [], evidence: [] };
  const keep = acceptHits(c, tokens, hits);

  const occs = new Map<string, Occ[]>();
  const inNames = new Set<number>();
  hits.forEach((h, i) => {
    if (!keep[i]) return;
    if (h.payload.type === 'entity') for (let t = h.first; t <= h.last; t++) inNames.add(t);
    // A number right after a weapon word is its designation, not a year (Panzerhaubitzen 2000).
    if (h.payload.type === 'entity' || h.payload.group === Group.Arms) inNames.add(h.last + 1);
  });
  const { at, past } = itemTime(input, now, tokens, sentences.length, hits, keep, inNames);
  hits.forEach((h, i) => {
    if (!keep[i] || (h.payload.type === 'term' && h.payload.group === Group.Traps)) return;
    const o: Occ = { hit: i, first: h.first, last: h.last, sentence: tokens[h.first].sentence };
    // What a sentence about the past reports happening is history, not news.
    if (h.payload.type === 'term' && past.has(o.sentence) && EVENT_GROUPS.has(h.payload.group))
      return;
    if (h.payload.type === 'term') addOccurrence(occs, h.payload.group, o);
    else for (const s of c.entities[h.payload.entity].signals) addOccurrence(occs, s, o);
  });
  for (const o of findOrigins(text, tokens, hits)) {
    const sentence = tokens[o.first].sentence;
    if (!past.has(sentence)) addOccurrence(occs, Group.Origin, { ...o, sentence });
  }

  // Signals read from the roles names play in their sentence: a state buying from its own
  // industry (procurement, not a transfer), a state beside a system another state makes (the
  // buyer of an import), a state after "to" or before "bought" (the recipient).
  const roles: [string, number[]][] = [
    [Group.DomesticIndustry, domesticProcurement(tokens, hits, keep, c.entities)],
    [Group.ForeignState, foreignStates(tokens, hits, keep, c.entities)],
    [Group.RecipientState, recipientStates(tokens, hits, keep, c.entities)],
  ];
  for (const [group, found] of roles) {
    for (const i of found) {
      const h = hits[i];
      const sentence = tokens[h.first].sentence;
      addOccurrence(occs, group, { hit: i, first: h.first, last: h.last, sentence });
    }
  }
  scopeRefusals(occs, tokens);
  // A state whose UN arms measure was not in force then: arms reported to it breach nothing.
  const inference: InferenceInput = {
    compiled: c,
    tokens,
    hits,
    keep,
    occurrences: occs,
    armsTransfer: false,
    at,
  };
  for (const o of partiesOutsideArmsMeasures(inference))
    addOccurrence(occs, Group.OutsideArmsMeasures, o);

  const outcome = scoreRules(c.rules, occs, threshold);
  if (c.rules.some((r) => r.category === Category.UnViolation))
    addInferredBreaches(outcome, inference, threshold);
  return resultOf(c, text, tokens, sentences, hits, keep, outcome);
}

/** The result the rules' outcome makes: categories, score, matches and evidence to quote. */
function resultOf(
  c: Compiled,
  text: string,
  tokens: Token[],
  sentences: readonly Sentence[],
  hits: PhraseHit<Payload>[],
  keep: boolean[],
  outcome: RuleOutcome,
): MatchResult {
  const { scores, reasons, evidenceSentences, usedHits, firedCategories } = outcome;
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

/**
 * The item's date (`now` for an undated item, unless it names a year) and the sentences that
 * speak of the past.
 */
function itemTime(
  input: MatchInput,
  now: number,
  tokens: readonly Token[],
  sentenceCount: number,
  hits: readonly PhraseHit<Payload>[],
  keep: readonly boolean[],
  inNames: ReadonlySet<number>,
): { at: number; past: Set<number> } {
  const published = publishedAt(input);
  if (published !== undefined) {
    const year = new Date(published).getUTCFullYear();
    const retro = retrospective(tokens, hits, keep, true);
    return { at: published, past: pastSentences(tokens, sentenceCount, year, retro, inNames) };
  }
  // Undated: the text is as recent as the newest year it names, and only a look back that says
  // so ("historians", "decades ago") makes its old years history.
  const nowYear = new Date(now).getUTCFullYear();
  const guessed = newestNamedYear(tokens, nowYear, inNames);
  const at = guessed !== undefined ? Date.UTC(guessed, 6, 1) : now;
  const past = retrospective(tokens, hits, keep, false)
    ? pastSentences(tokens, sentenceCount, nowYear, true, inNames)
    : new Set<number>();
  return { at, past };
}

/** Regime inference: a breach the measures in force show counts as a UN violation. */
function addInferredBreaches(
  outcome: RuleOutcome,
  inference: InferenceInput,
  threshold: number,
): void {
  const { scores, reasons, evidenceSentences, usedHits, firedCategories } = outcome;
  const armsTransfer = firedCategories.has(Category.ArmsTransfer);
  const breaches = inferBreaches({ ...inference, armsTransfer });
  if (breaches.length === 0) return;
  const cat = Category.UnViolation;
  scores[cat] = Math.max(scores[cat] ?? 0, INFERRED_BREACH_WEIGHT);
  if (scores[cat] < threshold) return;
  firedCategories.add(cat);
  reasons[cat] = [...(reasons[cat] ?? []), ...breaches.map((b) => describeMeasure(b.measure))];
  for (const b of breaches) {
    b.sentences.forEach((s) => evidenceSentences.add(s));
    b.hits.forEach((h) => usedHits.add(h));
  }
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

export type { Rule };

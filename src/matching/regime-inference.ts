import type { Compiled, Payload } from './compile.js';
import { Conduct, MEASURES, inForce, type Measure } from './measures.js';
import type { PhraseHit } from './phrase-index.js';
import type { Token } from './text.js';
import {
  listLead,
  isPatronOnly,
  isRecipient,
  isSource,
  isSupplied,
  isTarget,
} from './party-roles.js';
import { importsOnly, movedBefore, movementTokens, type Movement } from './party-direction.js';
import { Group } from './groups.js';
import { isNamedYear } from './time-sense.js';

/** One occurrence of a signal: the hit it came from and where it lies. */
export interface Occurrence {
  hit: number;
  first: number;
  last: number;
  sentence: number;
}

/** A measure the reported conduct breaches, with the sentences and hits that show it. */
export interface InferredBreach {
  measure: Measure;
  sentences: Set<number>;
  hits: Set<number>;
}

export interface InferenceInput {
  compiled: Compiled;
  tokens: readonly Token[];
  hits: readonly PhraseHit<Payload>[];
  keep: readonly boolean[];
  occurrences: ReadonlyMap<string, Occurrence[]>;
  /** Whether the arms-transfer rule fired on the item. */
  armsTransfer: boolean;
  /** The item's date (ms since the epoch): measures are judged as they stood then. */
  at: number;
}

/** Sentences that report no conduct a measure bans: prospects, exemptions, the Council's own acts. */
const NOT_CONDUCT = [
  Group.Prospect,
  Group.Exemption,
  Group.CouncilAction,
  Group.Lifting,
  Group.GeneralAssembly,
];

/** The headline (sentence 0) and the first two sentences of the body. */
const LEAD_SENTENCES = 2;

/**
 * Regime inference: conduct that a UN measure in force at the item's date plainly prohibits for
 * the party named is a UN violation even when the text never mentions the UN (arms landed for
 * Al-Shabaab, DPRK shells in Russia, a DPRK tanker in a ship-to-ship transfer). Pure: reads the
 * hits the engine already found.
 */
export function inferBreaches(input: InferenceInput): InferredBreach[] {
  const programs = partyPrograms(input);
  // Most items name no party of any measure: nothing below can find a breach in them.
  if (programs.size === 0) return [];
  // Gangs or rebels the weapons are used against ("drones in the fight against gangs") receive none.
  const armedActorSentences = new Set(
    (input.occurrences.get(Group.ArmedActors) ?? [])
      .filter((o) => !isTarget(input.tokens, o.first, o.last))
      .map((o) => o.sentence),
  );
  let shows: ((m: Measure, o: Occurrence) => boolean) | undefined;
  let notConduct: Set<number> | undefined;
  let movement: Movement | undefined;
  const out: InferredBreach[] = [];
  for (const m of MEASURES) {
    if (!programs.has(m.parties.program) || !inForce(m, input.at)) continue;
    if (m.parties.region !== undefined && !namesTagged(input, m.parties.region)) continue;
    const parties = partyOccurrences(
      input,
      m,
      armedActorSentences,
      (movement ??= movementTokens(input)),
    );
    if (parties.length === 0) continue;
    const showsConduct = (shows ??= conductShown(input));
    // Conduct weighed or discussed, not done, exempted or outside the bans, or the measure itself
    // being adopted, lifted or voted on ("the resolution bans coal exports"), breaches nothing.
    const weighed = (notConduct ??= sentencesWith(input, NOT_CONDUCT));
    const shown = parties.filter((o) => !weighed.has(o.sentence)).filter((o) => showsConduct(m, o));
    if (shown.length === 0) continue;
    // Conduct the text dates before the measure ("in late 2021") is no breach of it.
    if (datedBefore(input.tokens, new Set(shown.map((o) => o.sentence)), m.since)) continue;
    out.push({
      measure: m,
      sentences: new Set(shown.map((o) => o.sentence)),
      hits: new Set(shown.map((o) => o.hit)),
    });
  }
  return out;
}

/** The programmes of the kept names. */
function partyPrograms(input: InferenceInput): Set<string> {
  const out = new Set<string>();
  input.hits.forEach((h, i) => {
    if (!input.keep[i] || h.payload.type !== 'entity') return;
    const program = input.compiled.entities[h.payload.entity].program;
    if (program !== undefined) out.add(program);
  });
  return out;
}

/**
 * Sentences with missile technology other than drones: the DPRK's measures ban launches using
 * ballistic-missile technology, and a drone test is none.
 */
function sentencesWithMissileBeyondDrones(input: InferenceInput): Set<number> {
  const drones = input.occurrences.get(Group.Drone) ?? [];
  const out = new Set<number>();
  for (const o of input.occurrences.get(Group.MissileTech) ?? []) {
    const isDrone = drones.some((d) => d.first <= o.first && o.last <= d.last);
    if (!isDrone) out.add(o.sentence);
  }
  return out;
}

function sentencesWith(input: InferenceInput, groups: readonly string[]): Set<number> {
  return new Set(groups.flatMap((g) => (input.occurrences.get(g) ?? []).map((o) => o.sentence)));
}

/** Whether the sentence of a party's mention shows the conduct a measure bans. */
function conductShown(input: InferenceInput): (m: Measure, o: Occurrence) => boolean {
  const transferSentences = sentencesWith(input, [
    Group.Arms,
    'kind:weapon_system',
    Group.Transfer,
    Group.Conveyance,
  ]);
  const missileSentences = sentencesWith(input, [Group.MissileTech]);
  const ballisticSentences = sentencesWithMissileBeyondDrones(input);
  const launchSentences = sentencesWith(input, [Group.Launch]);
  const goodsSentences = sentencesWith(input, [Group.SanctionedGoods]);
  const movedSentences = sentencesWith(input, [
    Group.Transfer,
    Group.GoodsTransfer,
    Group.Conveyance,
    Group.Transit,
  ]);
  // Workers "earning foreign currency" abroad: the earning is the export the measure bans.
  const earningSentences = sentencesWith(input, [Group.IllicitRevenue]);
  const shipToShip = (input.occurrences.get(Group.ShipToShip) ?? []).length > 0;
  return (m, o) => {
    switch (m.conduct) {
      case Conduct.Arms:
        return input.armsTransfer && transferSentences.has(o.sentence);
      case Conduct.Missiles:
        return (
          input.armsTransfer &&
          (missileSentences.has(o.sentence) || isWeaponSystem(input, o)) &&
          transferSentences.has(o.sentence)
        );
      case Conduct.MissileLaunch:
        // The launch is the story's event only in its headline or lead, not in background.
        return (
          o.sentence <= LEAD_SENTENCES &&
          launchSentences.has(o.sentence) &&
          ballisticSentences.has(o.sentence)
        );
      case Conduct.SectoralTrade:
        return (
          shipToShip ||
          (goodsSentences.has(o.sentence) &&
            (movedSentences.has(o.sentence) || earningSentences.has(o.sentence)))
        );
    }
  };
}

/** Whether the sentences showing a breach name years, all before the year the measure began. */
function datedBefore(
  tokens: readonly Token[],
  sentences: ReadonlySet<number>,
  since: string,
): boolean {
  const start = Number(since.slice(0, 4));
  let newest: number | undefined;
  tokens.forEach((t, i) => {
    if (!sentences.has(t.sentence) || !isNamedYear(tokens, i)) return;
    newest = Math.max(newest ?? 0, Number(t.norm));
  });
  return newest !== undefined && newest < start;
}

/**
 * Mentions of a state whose UN arms measure was not yet (or no longer) in force at the item's
 * date, with none of its arms measures in force: a panel reporting arms to it then reports no
 * breach (South Sudan before 2018).
 */
export function partiesOutsideArmsMeasures(input: InferenceInput): Occurrence[] {
  let unbound: Set<string> | undefined;
  const out: Occurrence[] = [];
  input.hits.forEach((h, i) => {
    if (!input.keep[i] || h.payload.type !== 'entity') return;
    const e = input.compiled.entities[h.payload.entity];
    if (e.kind !== 'state' || e.program === undefined) return;
    unbound ??= programsOutsideArmsMeasures(input.at);
    if (!unbound.has(e.program)) return;
    out.push({ hit: i, first: h.first, last: h.last, sentence: input.tokens[h.first].sentence });
  });
  return out;
}

/** Programmes with an arms measure, none of which was in force at `at`. */
function programsOutsideArmsMeasures(at: number): Set<string> {
  const armsMeasures = MEASURES.filter((m) => m.conduct === Conduct.Arms);
  return new Set(
    armsMeasures
      .filter((m) => !inForce(m, at))
      .map((m) => m.parties.program)
      .filter((p) => !armsMeasures.some((m) => m.parties.program === p && inForce(m, at))),
  );
}

/** Whether a kept hit names a watchlist entry carrying `tag`. */
function namesTagged(input: InferenceInput, tag: string): boolean {
  const signal = `tag:${tag}`;
  return input.hits.some(
    (h, i) =>
      input.keep[i] &&
      h.payload.type === 'entity' &&
      input.compiled.entities[h.payload.entity].signals.includes(signal),
  );
}

function isWeaponSystem(input: InferenceInput, o: Occurrence): boolean {
  const p = input.hits[o.hit].payload;
  return p.type === 'entity' && input.compiled.entities[p.entity].kind === 'weapon_system';
}

/** The mentions of a measure's parties that the measure binds, in the direction it bans. */
function partyOccurrences(
  input: InferenceInput,
  m: Measure,
  armedActorSentences: ReadonlySet<number>,
  roles: Movement,
): Occurrence[] {
  const { compiled, hits, keep, tokens } = input;
  const out: Occurrence[] = [];
  if (m.direction === 'from' && importsOnly(input, m.parties.program, roles)) return out;
  hits.forEach((h, i) => {
    if (!keep[i] || h.payload.type !== 'entity') return;
    const e = compiled.entities[h.payload.entity];
    if (e.program !== m.parties.program) return;
    const sentence = tokens[h.first].sentence;
    const kindCounts = m.parties.kinds === undefined || m.parties.kinds.includes(e.kind);
    const actorsHere =
      m.parties.armedActorsIn === true &&
      (e.kind === 'state' ||
        (m.parties.region !== undefined && e.signals.includes(`tag:${m.parties.region}`))) &&
      // Gangs or rebels in the headline set the scene for the whole item.
      (armedActorSentences.has(sentence) || armedActorSentences.has(0));
    if (!kindCounts && !actorsHere) return;
    if (m.direction === 'from' && isRecipient(tokens, h.first, h.last)) return;
    if (m.direction === 'from' && !isSource(tokens, h.first, h.last, roles.transferStarts)) {
      if (isSupplied(tokens, hits, keep, compiled.entities, i, roles.moved)) return;
    }
    if (isPatronOnly(tokens, h.last) || isTarget(tokens, h.first, h.last)) return;
    const lead = listLead(tokens, hits, keep, compiled.entities, i);
    if (lead !== undefined && !movedBefore(tokens, roles.moved, lead)) return;
    out.push({ hit: i, first: h.first, last: h.last, sentence });
  });
  return out;
}

import type { RuleInput } from './rule-schema.js';

const ARMS = ['arms', 'kind:weapon_system'];
const UN = ['un_ref', 'un_resolution'];
/** Anyone a transfer can be from or to: a named state, group, person, firm, vessel or place. */
const NAMED_PARTIES = [
  'kind:state',
  'kind:armed_group',
  'kind:person',
  'kind:organisation',
  'kind:vessel',
  'kind:other',
  'origin',
  'armed_actors',
];
const NOT_TRANSFER_NEWS = [
  'lifting',
  'earnings',
  'domestic_guns',
  'sport',
  'space',
  'civil_cargo',
  'retrospective',
  'council_action',
  'domestic_industry',
  'arms_control',
  'general_assembly',
  'refusal',
];
/** What a UN breach report is not: a measure lifted, a General Assembly text, the Council legislating. */
const NOT_BREACH_NEWS = ['lifting', 'general_assembly', 'council_action', 'exemption'];
/** A panel's arms findings are a breach only where a UN arms measure bound the state at the time. */
const PANEL_NOT_BREACH = ['outside_arms_measures'];
/** Movement words also describe a missile's flight ("flew 800 km", "carried a payload"). */
const NOT_MOVED_ARMS = [...NOT_TRANSFER_NEWS, 'launch'];

/** The rules used when the config names no rule files (rule files merge over these by category). */
export const BUILTIN_RULES: RuleInput[] = [
  {
    category: 'arms_transfer',
    description:
      'Weapons, munitions or military equipment moving between parties: supplied, sold, shipped, smuggled, seized in transit.',
    clauses: [
      {
        name: 'arms-and-transfer',
        all: [ARMS, 'transfer'],
        // A transfer report names who sent or received, or says the arms were smuggled.
        context: [[...NAMED_PARTIES, 'trafficking']],
        none: [...NOT_TRANSFER_NEWS, 'drill'],
        weight: 0.7,
        reason: 'arms or materiel and a transfer predicate in one sentence',
      },
      {
        name: 'arms-in-transit',
        all: [ARMS, 'conveyance', 'transit'],
        none: NOT_MOVED_ARMS,
        weight: 0.65,
        reason: 'arms carried, hidden or seized aboard a vessel, vehicle or cargo',
      },
      {
        name: 'arms-moved-to-party',
        all: [ARMS, 'conveyance', ['tag:sanctioned', 'tag:supplier', 'kind:armed_group']],
        within: 8,
        none: [...NOT_MOVED_ARMS, 'drill'],
        weight: 0.6,
        reason: 'arms moved, carried or bound to a named state or armed group',
      },
      {
        name: 'arms-moved-to-state',
        all: [ARMS, 'conveyance', 'recipient_state'],
        within: 8,
        // Missiles "heading for" the state they were fired at; jets flown in for drills.
        none: [...NOT_MOVED_ARMS, 'exercise'],
        noneInItem: ['launch'],
        weight: 0.6,
        reason: 'arms moved, carried or bound to a state named as their recipient',
      },
      {
        name: 'foreign-made-weapon',
        all: ['origin', ARMS],
        none: NOT_TRANSFER_NEWS,
        weight: 0.6,
        reason: 'a weapon attributed to a foreign maker (X-made, X-built, of X origin)',
      },
      {
        name: 'arms-transfer-nearby',
        all: ['transfer', ARMS],
        within: 12,
        context: [['tag:sanctioned', 'tag:supplier', 'kind:armed_group']],
        none: NOT_TRANSFER_NEWS,
        weight: 0.35,
        reason:
          'a transfer predicate close to arms across a sentence break, with a sanctioned or supplier party named',
      },
      {
        name: 'weapon-system-arrived',
        all: ['kind:weapon_system', 'arrival'],
        // Missiles and drones "reach" and "land" on their targets.
        none: [...NOT_MOVED_ARMS, 'missile_tech', 'exercise'],
        weight: 0.6,
        reason: "a weapon system named by designation arrives or enters a buyer's service",
      },
      {
        name: 'imported-weapon-system',
        all: ['kind:weapon_system', ['procurement', 'arrival'], 'foreign_state'],
        // The buyer, the verb and the system close together: "Kosovo receives Bayraktar TB2s",
        // not a president who "received the French ambassador to discuss Rafale maintenance".
        within: 6,
        // Missiles and drones "land" in the states they strike.
        none: [...NOT_MOVED_ARMS, 'missile_tech', 'exercise'],
        weight: 0.6,
        reason:
          'a weapon system one state makes is ordered, commissioned or received by another state',
      },
      {
        name: 'arming-a-party',
        all: ['arming', ['kind:armed_group', 'tag:supplier', 'tag:sanctioned', 'armed_actors']],
        within: 6,
        none: NOT_TRANSFER_NEWS,
        weight: 0.6,
        reason: 'a state or group said to be arming a named party',
      },
      {
        name: 'arms-embargo-broken',
        all: ['violation', 'arms_embargo'],
        within: 8,
        none: ['lifting', 'council_action', 'general_assembly', 'prospect'],
        weight: 0.55,
        reason: 'an arms embargo said to be breached: arms moved in breach of it',
      },
      {
        name: 'transfer-named-again',
        all: ['transfer_anaphora', ARMS],
        within: 30,
        none: NOT_TRANSFER_NEWS,
        weight: 0.55,
        reason: 'a later sentence calls the weapons named before a transfer ("such transfers")',
      },
    ],
    boosts: [
      {
        any: ['tag:sanctioned', 'kind:armed_group'],
        within: 'sentence',
        weight: 0.15,
        reason: 'sanctioned party or armed group in the sentence',
      },
      {
        any: ['tag:supplier', 'kind:weapon_system'],
        within: 'item',
        weight: 0.1,
        reason: 'known supplier or listed weapon system named',
      },
    ],
  },
  {
    category: 'un_violation',
    description: 'A reported breach of UN Security Council resolutions or UN sanctions measures.',
    clauses: [
      {
        name: 'violation-of-un-measure',
        all: ['violation', UN],
        none: NOT_BREACH_NEWS,
        weight: 0.75,
        reason: 'a violation predicate tied to a UN sanctions reference',
      },
      {
        name: 'violation-of-council-resolutions',
        all: ['violation', 'resolution_bare', 'security_council'],
        none: NOT_BREACH_NEWS,
        weight: 0.7,
        reason: 'a violation predicate and Security Council resolutions',
      },
      {
        name: 'panel-reports-arms-flows',
        all: ['un_panel', ARMS, 'transfer'],
        none: NOT_BREACH_NEWS,
        noneInItem: PANEL_NOT_BREACH,
        weight: 0.65,
        reason: 'a UN sanctions panel or monitors report arms flows',
      },
      {
        name: 'panel-and-arms-transfer',
        all: ['un_panel'],
        within: 'item',
        context: ['category:arms_transfer'],
        none: ['lifting', 'general_assembly', 'exemption'],
        noneInItem: PANEL_NOT_BREACH,
        weight: 0.55,
        reason: 'a UN sanctions panel is cited in an arms-transfer report',
      },
      {
        name: 'un-cap-exceeded',
        all: ['un_cap', 'petroleum', 'transfer'],
        within: 'item',
        weight: 0.6,
        reason: 'shipments measured against a UN cap',
      },
      {
        name: 'panel-reports-sanctions-revenue',
        all: ['illicit_revenue', ['un_panel', 'un_ref', 'un_resolution']],
        within: 'item',
        context: ['tag:un_sanctioned'],
        none: ['lifting', 'general_assembly'],
        weight: 0.6,
        reason:
          'UN monitors or measures cited on revenue a sanctioned state raises (cyber theft, workers abroad)',
      },
      {
        name: 'arms-for-embargoed-party',
        all: [
          ['arms_embargo', 'un_ref'],
          'tag:un_sanctioned',
          ['transfer', 'conveyance', 'trafficking'],
        ],
        context: ['category:arms_transfer'],
        none: NOT_BREACH_NEWS,
        weight: 0.6,
        reason: 'arms reported for a party the text says is under a UN arms embargo',
      },
      {
        name: 'sanctions-breach-by-un-sanctioned-party',
        all: ['violation', 'sanctions_word'],
        context: ['tag:un_sanctioned'],
        // "Iran sanctions violations" settled with the US Treasury: Washington's measures, not the UN's.
        none: [...NOT_BREACH_NEWS, 'unilateral'],
        weight: 0.55,
        reason: 'a sanctions breach by a party under UN sanctions',
      },
    ],
    boosts: [
      {
        any: ['un_resolution'],
        within: 'sentence',
        weight: 0.15,
        reason: 'resolution of a UN sanctions regime cited',
      },
      {
        any: ['un_ref', 'un_resolution', 'un_panel'],
        within: 'item',
        weight: 0.05,
        reason: 'UN sanctions measure referred to',
        evidence: true,
      },
      {
        any: ['tag:un_sanctioned'],
        within: 'item',
        weight: 0.1,
        reason: 'party under UN sanctions named',
      },
    ],
  },
];

/**
 * Vocabulary group names: the signals rules and the engine refer to. Defined once so a rename is
 * a compile error, not a rule that silently never fires.
 */
export const Group = {
  Arms: 'arms',
  Transfer: 'transfer',
  TransferAnaphora: 'transfer_anaphora',
  Conveyance: 'conveyance',
  Transit: 'transit',
  Space: 'space',
  Violation: 'violation',
  UnRef: 'un_ref',
  UnPanel: 'un_panel',
  UnCap: 'un_cap',
  UnResolution: 'un_resolution',
  Petroleum: 'petroleum',
  ResolutionBare: 'resolution_bare',
  SecurityCouncil: 'security_council',
  SanctionsWord: 'sanctions_word',
  GeneralAssembly: 'general_assembly',
  Lifting: 'lifting',
  Earnings: 'earnings',
  DomesticGuns: 'domestic_guns',
  Sport: 'sport',
  Traps: 'traps',
  Origin: 'origin',
  /** Words after a state's name saying a weapon was made there (-made, -built, 制造). */
  OriginSuffix: 'origin_suffix',
  /** Words before a state's name saying a weapon was made there (made in, fabriqué en). */
  OriginPrefix: 'origin_prefix',
  /** `resolution 1998`: a resolution by number, of any regime or none. */
  NumberedResolution: 'numbered_resolution',
  /** Missiles, missile parts, launch vehicles and missile-capable drones. */
  MissileTech: 'missile_tech',
  /** Drones and loitering munitions (a subset of `missile_tech`): flying one is no missile launch. */
  Drone: 'drone',
  /** A launch or test firing. */
  Launch: 'launch',
  /** Goods UN measures ban in sectoral trade with the DPRK (coal, seafood, fuel, luxury goods). */
  SanctionedGoods: 'sanctioned_goods',
  /** A ship-to-ship transfer at sea. */
  ShipToShip: 'ship_to_ship',
  /** Parcels, blood, groceries: civilian cargo of couriers and delivery drones. */
  CivilCargo: 'civil_cargo',
  /** Obituaries, anniversaries, memoirs: a story about the past. */
  Retrospective: 'retrospective',
  /** Oil, food or aid changing hands: shadows the transfer word inside it. */
  GoodsTransfer: 'goods_transfer',
  /** Rebels, militias, gangs: non-state armed actors. */
  ArmedActors: 'armed_actors',
  /** A weapon system arriving or entering service: with a system named, a delivery. */
  Arrival: 'arrival',
  /** Arming a party ("arming the Taliban"): a transfer without a weapons word. */
  Arming: 'arming',
  /** Cyber theft, laundering, workers abroad: revenue a sanctioned state's measures cut off. */
  IllicitRevenue: 'illicit_revenue',
  /** The Council adopting, renewing or extending texts: legislating, not reporting a breach. */
  CouncilAction: 'council_action',
  /** A state buying from its own industry. */
  DomesticIndustry: 'domestic_industry',
  /** Treaties, disarmament, weapons given up: regulated or surrendered, not transferred. */
  ArmsControl: 'arms_control',
  /** An exemption the Council or its committee granted: a transfer approved, not a breach. */
  Exemption: 'exemption',
  /** An arms embargo by name: breaking one is moving arms. */
  ArmsEmbargo: 'arms_embargo',
  /** A transfer only weighed, discussed or held back: intent, not the conduct a measure bans. */
  Prospect: 'prospect',
  /** A state's own sanctions and their enforcement: breaching these alone breaches no UN measure. */
  Unilateral: 'unilateral',
  /** Smuggling and trafficking: an illicit transfer, reported even when no party is named. */
  Trafficking: 'trafficking',
  /** A transfer refused, ruled out or blocked ("will not send", "barred … from sending"). */
  Refusal: 'refusal',
  /** A buyer taking a system into its forces: ordered, commissioned, paraded, rolled out. */
  Procurement: 'procurement',
  /** A state's own forces abroad on exercise, patrol or deployment: the systems stay theirs. */
  Exercise: 'exercise',
  /** Drills named as such (not deployments): what is sent for them is no transfer. */
  Drill: 'drill',
  /** A state named as the recipient ("to Poland", "Poland bought"; set by the engine). */
  RecipientState: 'recipient_state',
  /** A state named beside a weapon system another state makes (set by the engine). */
  ForeignState: 'foreign_state',
  /** A state whose UN arms measures were not in force at the item's date (set by the engine). */
  OutsideArmsMeasures: 'outside_arms_measures',
} as const;
export type Group = (typeof Group)[keyof typeof Group];

/** Categories the built-in rules produce. */
export const Category = {
  ArmsTransfer: 'arms_transfer',
  UnViolation: 'un_violation',
} as const;
export type Category = (typeof Category)[keyof typeof Category];

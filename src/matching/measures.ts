/**
 * UN Security Council measures in force over time, by regime: what each bans, for whom, from and
 * until when, and the resolution that set it. Regime inference reads this table to say that
 * conduct a story reports (arms to the Houthis, a DPRK coal export) breaches a measure even when
 * the story never mentions the UN. Dates are the adoption dates of the resolutions cited.
 */

/** The kind of conduct a measure bans, each recognised by its own signals in the engine. */
export const Conduct = {
  /** Arms, munitions or military equipment changing hands (the `arms_transfer` rule fired). */
  Arms: 'arms',
  /** Ballistic missiles, missile parts or missile-capable drones changing hands. */
  Missiles: 'missiles',
  /** A ballistic-missile launch or a launch using ballistic-missile technology. */
  MissileLaunch: 'missile_launch',
  /** Sectoral trade: coal, iron, seafood, textiles, workers, fuel, ship-to-ship transfers, luxury goods. */
  SectoralTrade: 'sectoral_trade',
} as const;
export type Conduct = (typeof Conduct)[keyof typeof Conduct];

/**
 * Who a measure binds, named by the `program` of watchlist entries. `kinds` limits which entries
 * count (the Houthis, not Yemen); `armedActorsIn` also counts a state of the programme named in a
 * sentence with rebels, militias or gangs ("arms for rebels in eastern Congo").
 */
export interface Parties {
  program: string;
  /** Entity kinds that count; omitted means every kind. */
  kinds?: readonly string[];
  /** A state of the programme counts when an armed-actor word shares its sentence. */
  armedActorsIn?: boolean;
  /**
   * A region the measure covers, as a watchlist tag: the item must name an entry with that tag
   * (the region, its towns, or a group that exists only there), and the region's own mention
   * counts like the state's ("militias in Darfur"). @defaultValue the whole programme
   */
  region?: string;
}

export interface Measure {
  /** Regime name as in `REGIMES`. */
  regime: string;
  conduct: Conduct;
  /** What is banned, in an analyst's words; shown in reasons. */
  bans: string;
  parties: Parties;
  /** `from`: only when the party is the source (Iran's export bans). @defaultValue any */
  direction?: 'from' | 'any';
  /** The resolution cited in reasons. */
  resolution: number;
  /** ISO date from which the measure applies. */
  since: string;
  /** ISO date on which it lapsed, if it has. */
  until?: string;
}

const DPRK: Parties = { program: 'DPRK' };
const IRAN: Parties = { program: 'Iran', kinds: ['state', 'organisation', 'weapon_system'] };

export const MEASURES: readonly Measure[] = [
  {
    regime: 'DPRK',
    conduct: Conduct.Arms,
    bans: 'arms and related materiel to or from the DPRK',
    parties: DPRK,
    resolution: 1718,
    since: '2006-10-14',
  },
  {
    regime: 'DPRK',
    conduct: Conduct.MissileLaunch,
    bans: 'any launch using ballistic-missile technology by the DPRK',
    parties: DPRK,
    resolution: 1874,
    since: '2006-10-14',
  },
  {
    regime: 'DPRK',
    conduct: Conduct.SectoralTrade,
    bans: 'DPRK coal, iron, seafood, textile and labour exports, fuel beyond the caps, ship-to-ship transfers and luxury goods',
    parties: DPRK,
    resolution: 2397,
    since: '2016-03-02',
  },
  {
    regime: 'Iran',
    conduct: Conduct.Arms,
    bans: 'arms exports from Iran',
    parties: IRAN,
    direction: 'from',
    resolution: 1747,
    since: '2007-03-24',
    until: '2020-10-18',
  },
  {
    regime: 'Iran',
    conduct: Conduct.Missiles,
    bans: 'transfers of ballistic missiles and missile-capable drones from Iran (Annex B)',
    parties: IRAN,
    direction: 'from',
    resolution: 2231,
    since: '2015-07-20',
    until: '2023-10-18',
  },
  {
    regime: 'Iraq',
    conduct: Conduct.Arms,
    bans: 'arms and military equipment to Iraq',
    parties: { program: 'Iraq' },
    resolution: 661,
    since: '1990-08-06',
    until: '2003-05-22',
  },
  {
    regime: 'Iraq',
    conduct: Conduct.SectoralTrade,
    bans: 'trade with Iraq outside the oil-for-food programme, Iraqi oil exports above all',
    parties: { program: 'Iraq' },
    resolution: 661,
    since: '1990-08-06',
    until: '2003-05-22',
  },
  {
    regime: 'Eritrea',
    conduct: Conduct.Arms,
    bans: 'arms into or out of Eritrea',
    parties: { program: 'Eritrea' },
    resolution: 1907,
    since: '2009-12-23',
    until: '2018-11-14',
  },
  {
    regime: 'Libya',
    conduct: Conduct.Arms,
    bans: 'arms into or out of Libya',
    parties: { program: 'Libya' },
    resolution: 1970,
    since: '2011-02-26',
  },
  {
    regime: 'Yemen',
    conduct: Conduct.Arms,
    bans: 'arms to the Houthis',
    parties: {
      program: 'Yemen',
      kinds: ['armed_group', 'organisation', 'person', 'weapon_system'],
    },
    resolution: 2216,
    since: '2015-04-14',
  },
  {
    regime: 'Somalia and Al-Shabaab',
    conduct: Conduct.Arms,
    bans: 'arms to Al-Shabaab',
    parties: { program: 'Somalia and Al-Shabaab', kinds: ['armed_group', 'person'] },
    resolution: 751,
    since: '1992-01-23',
  },
  {
    regime: 'South Sudan',
    conduct: Conduct.Arms,
    bans: 'arms into South Sudan',
    parties: { program: 'South Sudan' },
    resolution: 2428,
    since: '2018-07-13',
  },
  {
    regime: 'Central African Republic',
    conduct: Conduct.Arms,
    bans: 'arms to armed groups in the Central African Republic',
    parties: {
      program: 'Central African Republic',
      kinds: ['armed_group', 'person'],
      armedActorsIn: true,
    },
    resolution: 2127,
    since: '2013-12-05',
  },
  {
    regime: 'DRC',
    conduct: Conduct.Arms,
    bans: 'arms to armed groups in the DRC',
    parties: { program: 'DRC', kinds: ['armed_group', 'person'], armedActorsIn: true },
    resolution: 1807,
    since: '2003-07-28',
  },
  {
    regime: 'Sudan (Darfur)',
    conduct: Conduct.Arms,
    bans: 'arms to armed groups in Darfur',
    parties: {
      program: 'Sudan (Darfur)',
      kinds: ['armed_group', 'person'],
      armedActorsIn: true,
      region: 'darfur',
    },
    resolution: 1556,
    since: '2004-07-30',
  },
  {
    regime: 'Haiti',
    conduct: Conduct.Arms,
    bans: 'arms to armed gangs in Haiti',
    parties: { program: 'Haiti', kinds: ['armed_group', 'person'], armedActorsIn: true },
    resolution: 2653,
    since: '2022-10-21',
  },
  {
    regime: 'Lebanon and Hezbollah',
    conduct: Conduct.Arms,
    bans: 'arms to Hezbollah and other armed groups in Lebanon',
    parties: { program: 'Lebanon and Hezbollah', kinds: ['armed_group', 'person'] },
    resolution: 1701,
    since: '2006-08-11',
  },
  {
    regime: "ISIL (Da'esh) and Al-Qaida",
    conduct: Conduct.Arms,
    bans: 'arms to ISIL, Al-Qaida and their affiliates',
    parties: { program: "ISIL (Da'esh) and Al-Qaida", kinds: ['armed_group', 'person'] },
    resolution: 1390,
    since: '2002-01-16',
  },
  {
    regime: 'Taliban',
    conduct: Conduct.Arms,
    bans: 'arms to the Taliban',
    parties: { program: 'Taliban', kinds: ['armed_group', 'person'] },
    resolution: 1333,
    since: '2000-12-19',
  },
];

/** Each measure's dates as ms since the epoch, parsed once: every item asks of every measure. */
const SPANS = new WeakMap<Measure, { since: number; until?: number }>();

/** Whether a measure applied on a day (ms since the epoch). */
export function inForce(m: Measure, at: number): boolean {
  let span = SPANS.get(m);
  if (span === undefined) {
    span = { since: Date.parse(m.since) };
    if (m.until !== undefined) span.until = Date.parse(m.until);
    SPANS.set(m, span);
  }
  if (at < span.since) return false;
  return span.until === undefined || at < span.until;
}

/** `resolution 2216 (Yemen), in force since 2015-04-14` */
export function describeMeasure(m: Measure): string {
  const span = m.until ? `in force ${m.since} to ${m.until}` : `in force since ${m.since}`;
  return `${m.bans}: prohibited by resolution ${m.resolution} (${m.regime} sanctions, ${span})`;
}

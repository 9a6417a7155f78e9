/**
 * UN Security Council sanctions regimes and the resolutions that set, renew or amend them.
 * A resolution number from this table in a breach context is a reference to a UN sanctions measure.
 */
export interface Regime {
  /** Short regime name used in match names and reasons. */
  name: string;
  /** Committee numbers (`1718 Committee`). */
  committees: number[];
  resolutions: number[];
  /** True when the Council has ended the regime. */
  terminated?: boolean;
}

export const REGIMES: readonly Regime[] = [
  {
    name: 'DPRK',
    committees: [1718],
    resolutions: [
      825, 1695, 1718, 1874, 1928, 1985, 2050, 2087, 2094, 2141, 2207, 2270, 2276, 2321, 2345, 2356,
      2371, 2375, 2397, 2464, 2515, 2569, 2627,
    ],
  },
  { name: 'Iran', committees: [1737], resolutions: [1696, 1737, 1747, 1803, 1835, 1929, 2231] },
  {
    name: 'Libya',
    committees: [1970],
    resolutions: [
      1970, 1973, 2009, 2016, 2040, 2095, 2146, 2174, 2213, 2278, 2292, 2357, 2362, 2420, 2441,
      2473, 2509, 2526, 2571, 2578, 2644, 2664, 2701, 2733, 2769,
    ],
  },
  {
    name: 'Sudan (Darfur)',
    committees: [1591],
    resolutions: [
      1556, 1591, 1672, 1945, 2035, 2138, 2200, 2340, 2400, 2455, 2562, 2620, 2676, 2725,
    ],
  },
  {
    name: 'South Sudan',
    committees: [2206],
    resolutions: [2206, 2290, 2353, 2418, 2428, 2471, 2521, 2577, 2633, 2683, 2731, 2781],
  },
  {
    name: 'Somalia and Al-Shabaab',
    committees: [751, 2713],
    resolutions: [
      733, 751, 1356, 1425, 1744, 1844, 1907, 2023, 2036, 2060, 2093, 2111, 2142, 2182, 2244, 2317,
      2385, 2444, 2498, 2551, 2607, 2662, 2713, 2714, 2776,
    ],
  },
  {
    name: 'DRC',
    committees: [1533],
    resolutions: [
      1493, 1533, 1596, 1649, 1807, 1857, 1952, 2021, 2078, 2136, 2198, 2293, 2360, 2424, 2478,
      2528, 2582, 2641, 2667, 2688, 2738,
    ],
  },
  {
    name: 'Central African Republic',
    committees: [2127],
    resolutions: [
      2127, 2134, 2196, 2262, 2339, 2399, 2454, 2488, 2507, 2536, 2588, 2648, 2693, 2745,
    ],
  },
  {
    name: 'Yemen',
    committees: [2140],
    resolutions: [2140, 2204, 2216, 2266, 2342, 2402, 2456, 2511, 2564, 2624, 2675, 2707, 2758],
  },
  { name: 'Haiti', committees: [2653], resolutions: [2653, 2699, 2700, 2752, 2793] },
  {
    name: 'Mali',
    committees: [2374],
    resolutions: [2374, 2432, 2484, 2541, 2590, 2649],
    terminated: true,
  },
  { name: 'Iraq', committees: [661, 1518], resolutions: [661, 687, 986, 1483, 1546] },
  {
    name: 'Lebanon and Hezbollah',
    committees: [1636],
    resolutions: [1559, 1595, 1636, 1680, 1701, 1757],
  },
  {
    name: "ISIL (Da'esh) and Al-Qaida",
    committees: [1267],
    resolutions: [
      1267, 1333, 1390, 1455, 1526, 1617, 1735, 1822, 1904, 1989, 2083, 2161, 2170, 2178, 2199,
      2253, 2368, 2610, 2734,
    ],
  },
  {
    name: 'Taliban',
    committees: [1988],
    resolutions: [1988, 2082, 2160, 2255, 2501, 2557, 2615, 2665, 2716],
  },
  { name: 'Liberia', committees: [1521], resolutions: [1521, 1903, 2288], terminated: true },
  { name: 'Eritrea', committees: [], resolutions: [2023, 2444], terminated: true },
  { name: 'Guinea-Bissau', committees: [2048], resolutions: [2048] },
];

/** Regime of each resolution number (first listed wins for shared numbers). */
export const RESOLUTION_REGIME: ReadonlyMap<number, Regime> = (() => {
  const m = new Map<number, Regime>();
  for (const r of REGIMES) for (const n of r.resolutions) if (!m.has(n)) m.set(n, r);
  return m;
})();

export const COMMITTEE_REGIME: ReadonlyMap<number, Regime> = (() => {
  const m = new Map<number, Regime>();
  for (const r of REGIMES) for (const n of r.committees) if (!m.has(n)) m.set(n, r);
  return m;
})();

/**
 * Spellings of a Korean name across romanisations: Revised Romanisation (Kim Jong Un, Jeong),
 * McCune–Reischauer as the DPRK and older wires write it (Kim Chong-un, Chong), and given names
 * run together (Kim Jongun). Each syllable gets its counterpart; the given name is also joined.
 */

const INITIALS: readonly [string, string][] = [
  ['ch', 'j'],
  ['k', 'g'],
  ['t', 'd'],
  ['p', 'b'],
];
const VOWELS: readonly [string, string][] = [
  ['eo', 'o'],
  ['eu', 'u'],
];

function syllableVariants(syllable: string): string[] {
  const out = new Set([syllable]);
  for (const [a, b] of INITIALS) {
    if (syllable.startsWith(a)) out.add(b + syllable.slice(a.length));
    else if (syllable.startsWith(b) && !syllable.startsWith('ch'))
      out.add(a + syllable.slice(b.length));
  }
  for (const s of [...out]) {
    for (const [a, b] of VOWELS) if (s.includes(a)) out.add(s.replace(a, b));
  }
  return [...out];
}

/** Romanisation variants of a Korean personal name (family name first), at most `cap`. */
export function koreanNameVariants(name: string, cap = 48): string[] {
  const syllables = name
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (syllables.length < 2 || syllables.length > 4) return [];
  let spellings: string[][] = [[]];
  for (const s of syllables) {
    const next: string[][] = [];
    for (const prefix of spellings) for (const v of syllableVariants(s)) next.push([...prefix, v]);
    spellings = next.slice(0, cap);
  }
  const out = new Set<string>();
  for (const sp of spellings) {
    out.add(sp.join(' '));
    if (sp.length > 2) out.add(`${sp[0]} ${sp.slice(1).join('')}`);
  }
  out.delete(syllables.join(' '));
  return [...out];
}

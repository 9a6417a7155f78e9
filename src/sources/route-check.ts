import type { ConfigProblem } from '../config/problems.js';
import type { Config } from '../config/schema.js';

/** Edit distance, for "did you mean" (names are short: the quadratic table is fine). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The known name closest to `wrong`, when it is close enough to be a typo. */
export function suggest(wrong: string, known: readonly string[]): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[-\s]/g, '_');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(fold(wrong), fold(k));
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wrong.length / 3))
    ? best
    : undefined;
}

function unknown(what: string, name: string, known: readonly string[]): string {
  const hint = suggest(name, known);
  return `unknown ${what} "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${known.join(', ') || 'none'}`;
}

/**
 * Routes checked against what exists: categories the rules can produce, watchlists loaded, the
 * feeds and feed tags of the config. A typo here silences every alert of the route, so it is a
 * config problem, not a warning.
 */
export function routeProblems(
  config: Pick<Config, 'routes' | 'configPath'> & {
    feeds?: Pick<Config['feeds'][number], 'name' | 'tags'>[];
  },
  categories: readonly string[],
  watchlists: readonly string[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const feeds = (config.feeds ?? []).map((f) => f.name);
  const tags = [...new Set((config.feeds ?? []).flatMap((f) => f.tags ?? []))];
  const selectors = [
    ['feeds', 'feed', feeds],
    ['tags', 'feed tag', tags],
  ] as const;
  config.routes.forEach((route, i) => {
    for (const [key, what, known] of selectors) {
      (route[key] ?? []).forEach((value, j) => {
        if (!known.includes(value))
          problems.push({
            file: config.configPath,
            path: `routes[${i}].${key}[${j}]`,
            message: unknown(what, value, known),
          });
      });
    }
    route.categories.forEach((c, j) => {
      if (!categories.includes(c))
        problems.push({
          file: config.configPath,
          path: `routes[${i}].categories[${j}]`,
          message: unknown('category', c, categories),
        });
    });
    (route.watchlists ?? []).forEach((w, j) => {
      if (!watchlists.includes(w))
        problems.push({
          file: config.configPath,
          path: `routes[${i}].watchlists[${j}]`,
          message: unknown('watchlist', w, watchlists),
        });
    });
  });
  return problems;
}

import type { ConfigProblem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import { compile } from '../matching/compile.js';
import { Category } from '../matching/groups.js';

/**
 * The highest score each category's rule can give: its strongest clause plus every boost, at most
 * 1; 0 for a rule without clauses. `un_violation` also fires from breaches the engine infers
 * outside its clauses, so it counts as able to reach 1: warnings must never be wrong.
 */
export function ruleCeilings(ruleContents: readonly unknown[]): Map<string, number> {
  // No watchlists: only the merged rules are wanted, and they do not depend on the lists.
  const { rules } = compile([], ruleContents);
  const ceilings = new Map<string, number>();
  for (const rule of rules) {
    const clause = Math.max(0, ...rule.clauses.map((c) => c.weight));
    const boosts = rule.boosts.reduce((sum, b) => sum + b.weight, 0);
    const ceiling = rule.clauses.length === 0 ? 0 : Math.min(1, clause + boosts);
    ceilings.set(rule.category, rule.category === Category.UnViolation ? 1 : ceiling);
  }
  return ceilings;
}

/**
 * What makes a valid config deliver nothing, as warnings (`check` still exits 0: a config with no
 * channels can be a first step): no feeds, no channels, no routes, a channel no route uses, and a
 * route no rule can reach, because its categories never score the threshold or its `minScore`
 * lies above any score the rules give.
 */
export function configWarnings(
  config: Pick<Config, 'configPath' | 'feeds' | 'channels' | 'routes' | 'detection'>,
  ceilings: ReadonlyMap<string, number>,
): ConfigProblem[] {
  const file = config.configPath;
  const out: ConfigProblem[] = [];
  const warn = (path: string, message: string) => out.push({ file, path, message });
  if (config.feeds.length === 0) warn('feeds', 'no feeds: nothing will be polled');
  else if (!config.feeds.some((f) => f.enabled))
    warn('feeds', 'every feed is disabled: nothing will be polled');
  if (config.channels.length === 0) warn('channels', 'no channels: alerts go nowhere');
  if (config.routes.length === 0)
    warn('routes', 'no routes: alerts are matched but sent to no channel');
  const routed = new Set(config.routes.flatMap((r) => r.channels));
  config.channels.forEach((c, i) => {
    if (config.routes.length > 0 && !routed.has(c.name))
      warn(`channels[${i}]`, `no route sends to channel "${c.name}"`);
  });
  const threshold = config.detection.threshold;
  // An alert's score is the highest of every rule that fired, whichever route it takes.
  const top = Math.max(0, ...ceilings.values());
  config.routes.forEach((route, i) => {
    const known = route.categories.filter((c) => ceilings.has(c));
    // Unknown categories are errors (routeProblems); only a route of known ones is judged here.
    if (known.length === 0) return;
    if (known.every((c) => (ceilings.get(c) ?? 0) < threshold)) {
      const best = Math.max(...known.map((c) => ceilings.get(c) ?? 0));
      warn(
        `routes[${i}].categories`,
        `no rule can reach this route: ${known.join(', ')} score at most ${best.toFixed(2)}, below detection.threshold ${threshold}`,
      );
    } else if (route.minScore > top) {
      warn(
        `routes[${i}].minScore`,
        `no rule can reach this route: minScore ${route.minScore} is above the highest score the rules give (${top.toFixed(2)})`,
      );
    }
  });
  return out;
}

import type { ConfigProblem } from './problems.js';
import { formatPath } from './problems.js';

type Raw = Record<string, unknown>;

function objects(v: unknown): [number, Raw][] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x, i) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? [[i, x as Raw] as [number, Raw]]
      : [],
  );
}

function asObject(v: unknown): Raw | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function duplicates(file: string, list: unknown, section: string, what: string): ConfigProblem[] {
  const seen = new Map<string, number>();
  const out: ConfigProblem[] = [];
  for (const [i, item] of objects(list)) {
    if (typeof item.name !== 'string') continue;
    const first = seen.get(item.name);
    if (first === undefined) seen.set(item.name, i);
    else
      out.push({
        file,
        path: formatPath([section, i, 'name']),
        message: `duplicate ${what} name "${item.name}" (also ${formatPath([section, first])})`,
      });
  }
  return out;
}

/**
 * Checks that span several keys (names unique, routes point at channels, a reachable dashboard
 * has a password). Runs on the raw document, defensively, so these problems are reported
 * together with the schema's rather than after they are fixed.
 */
export function crossCheck(file: string, raw: Raw): ConfigProblem[] {
  const problems = [
    ...duplicates(file, raw.feeds, 'feeds', 'feed'),
    ...duplicates(file, raw.channels, 'channels', 'channel'),
  ];

  const channelNames = new Set(
    objects(raw.channels).flatMap(([, c]) => (typeof c.name === 'string' ? [c.name] : [])),
  );
  for (const [i, route] of objects(raw.routes)) {
    if (!Array.isArray(route.channels)) continue;
    route.channels.forEach((name, j) => {
      if (typeof name === 'string' && !channelNames.has(name)) {
        const known = channelNames.size ? [...channelNames].join(', ') : 'none defined';
        problems.push({
          file,
          path: formatPath(['routes', i, 'channels', j]),
          message: `unknown channel "${name}" (channels: ${known})`,
        });
      }
    });
  }

  const http = asObject(raw.http);
  if (
    http &&
    typeof http.host === 'string' &&
    http.enabled !== false &&
    !isLoopbackHost(http.host) &&
    http.auth === undefined
  ) {
    problems.push({
      file,
      path: 'http.auth',
      message: `required when http.host "${http.host}" is not a loopback address (the dashboard can retry and remove jobs)`,
    });
  }
  problems.push(...clusterPrefix(file, asObject(raw.redis)));
  return problems;
}

/** A key's hash tag as Redis reads it: the text between the first `{` and the next `}`, non-empty. */
const HASH_TAG = /^[^{]*\{[^}]+\}/;

/**
 * On Redis Cluster BullMQ's and sanctionwatch's scripts touch several keys at once, which must
 * then share a slot: only a hash tag in the prefix puts every key in one.
 */
function clusterPrefix(file: string, redis: Raw | undefined): ConfigProblem[] {
  if (redis?.cluster !== true) return [];
  const prefix = typeof redis.prefix === 'string' ? redis.prefix : 'sw';
  if (HASH_TAG.test(prefix)) return [];
  return [
    {
      file,
      path: 'redis.prefix',
      message: `"${prefix}" has no hash tag: with redis.cluster every key must hash to one slot, use e.g. "{${prefix}}"`,
    },
  ];
}

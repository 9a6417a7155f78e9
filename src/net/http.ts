import { readFileSync } from 'node:fs';

/** The project's URL, in the User-Agent when the operator gave no contact. */
export const PROJECT_URL = 'https://github.com/sanctionwatch/sanctionwatch';

function readVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'sanctionwatch' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate (src/ and dist/src/ sit at different depths)
    }
  }
  return '0.0.0';
}

/** The package version, read once. */
export const VERSION = readVersion();

/**
 * The one User-Agent of every request sanctionwatch makes (feeds, webhooks, chat services, list
 * downloads): name, version, and a URL where the operator can be reached.
 */
export function userAgent(contact: string = PROJECT_URL): string {
  return `sanctionwatch/${VERSION} (+${contact})`;
}

/**
 * `Retry-After` (delta-seconds or an HTTP date) as milliseconds from `now`, at most `capMs`;
 * undefined when absent or unreadable. A repeated header counts by its first value.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number,
  capMs: number = Number.POSITIVE_INFINITY,
): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const trimmed = text.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(capMs, Math.max(0, ms));
}

import type { ConfigProblem } from './problems.js';

/** Where the ops server's port may come from besides the file, strongest first. */
export interface PortSources {
  /** `start --port`. */
  flag?: string;
  /** `SW_HTTP_PORT`, so several processes on one host can share one config file. */
  env?: string;
}

/**
 * Applies `--port`, else `SW_HTTP_PORT`, to `http.port` of the raw config (before validation);
 * a value that is not a port is a problem named by where it came from. Pure but for `raw`.
 */
export function applyPortOverride(
  raw: Record<string, unknown>,
  sources: PortSources,
  file: string,
): ConfigProblem[] {
  const [value, where] =
    sources.flag !== undefined
      ? [sources.flag, '--port']
      : sources.env !== undefined && sources.env !== ''
        ? [sources.env, 'SW_HTTP_PORT']
        : [undefined, ''];
  if (value === undefined) return [];
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65_535)) {
    return [{ file, path: where, message: `must be a port number 0–65535 (got "${value}")` }];
  }
  const http = raw.http;
  raw.http = { ...(typeof http === 'object' && http !== null ? http : {}), port };
  return [];
}

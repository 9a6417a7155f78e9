import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { repoRoot } from '../../helpers/config.js';
import { REDIS_URL, randomPrefix } from '../../helpers/redis.js';
import type { ServedFeed } from './feeds.js';

/** Channel names the fault configs use. */
export const CHANNELS = { log: 'console', email: 'desk', webhook: 'siem' } as const;

/** Options of {@link writeConfig}. */
export interface FaultConfigOptions {
  feeds: readonly ServedFeed[];
  /** @defaultValue the shared test Redis (`REDIS_URL`) */
  redisUrl?: string;
  /** `redisUrl` is a node of a Redis Cluster (`redis.cluster: true`). @defaultValue false */
  redisCluster?: boolean;
  /** Key prefix. @defaultValue a fresh `swtest-fault-…` prefix */
  prefix?: string;
  /** Poll interval of every feed. @defaultValue 1s */
  interval?: string;
  /** Webhook channel `siem`; omitted → no webhook channel. */
  webhook?: { url: string; secret: string; timeout?: string };
  /** SMTP URL of the e-mail channel `desk`; omitted → no e-mail channel. */
  smtpUrl?: string;
  /** File of the log channel `console`. @defaultValue `<dir>/alerts.jsonl` */
  logFile?: string;
  /** Ops HTTP port; 0 picks one (read it from the start log with `DaemonHandle.httpUrl`). @defaultValue 0 */
  httpPort?: number;
  /** `watchdog.stall`. @defaultValue 30s */
  watchdogStall?: string;
  /** `poller.concurrency`. @defaultValue 8 */
  pollerConcurrency?: number;
  /** `matcher.concurrency`. @defaultValue 4 */
  matcherConcurrency?: number;
  /** `notifier.concurrency`. @defaultValue 8 */
  notifierConcurrency?: number;
  /** @defaultValue info (the harness reads the start and stop lines) */
  logLevel?: 'debug' | 'info' | 'warn';
  /** Merged last into the config object (top-level keys replace the harness's). */
  extra?: Record<string, unknown>;
}

/** A config file written by {@link writeConfig}. */
export interface FaultConfig {
  /** Path of the YAML file. */
  path: string;
  /** Environment the config's `${…}` placeholders need (secrets stay out of the file). */
  env: Record<string, string>;
  prefix: string;
  redisUrl: string;
  /** File the `console` log channel appends to. */
  logFile: string;
  /** Channel names present, by type. */
  channels: { log: string; email?: string; webhook?: string };
}

/**
 * Writes `<dir>/sanctionwatch.yaml`: the given feeds, the repository's watchlists and built-in
 * rules, channels log + (webhook) + (e-mail) and one route sending both categories to all of them.
 */
export async function writeConfig(dir: string, options: FaultConfigOptions): Promise<FaultConfig> {
  const prefix = options.prefix ?? randomPrefix('fault');
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const logFile = options.logFile ?? path.join(dir, 'alerts.jsonl');
  const env: Record<string, string> = { REDIS_URL: redisUrl };
  const channels: Record<string, unknown>[] = [{ name: CHANNELS.log, type: 'log', file: logFile }];
  const names: FaultConfig['channels'] = { log: CHANNELS.log };
  if (options.smtpUrl) {
    env.SMTP_URL = options.smtpUrl;
    channels.push({
      name: CHANNELS.email,
      type: 'email',
      smtp: '${SMTP_URL}',
      from: 'sanctionwatch@example.org',
      to: ['analyst@example.org'],
    });
    names.email = CHANNELS.email;
  }
  if (options.webhook) {
    env.SIEM_URL = options.webhook.url;
    env.SIEM_SECRET = options.webhook.secret;
    channels.push({
      name: CHANNELS.webhook,
      type: 'webhook',
      url: '${SIEM_URL}',
      secret: '${SIEM_SECRET}',
      ...(options.webhook.timeout ? { timeout: options.webhook.timeout } : {}),
    });
    names.webhook = CHANNELS.webhook;
  }
  const config: Record<string, unknown> = {
    redis: { url: '${REDIS_URL}', prefix, ...(options.redisCluster ? { cluster: true } : {}) },
    http: { port: options.httpPort ?? 0 },
    logging: { level: options.logLevel ?? 'info' },
    dataDir: path.join(dir, 'data'),
    poller: { concurrency: options.pollerConcurrency ?? 8 },
    matcher: { concurrency: options.matcherConcurrency ?? 4 },
    notifier: { concurrency: options.notifierConcurrency ?? 8 },
    feeds: options.feeds.map((f) => ({
      name: f.name,
      url: f.url,
      interval: options.interval ?? '1s',
    })),
    watchlists: [path.join(repoRoot, 'config/watchlists/*.yaml')],
    channels,
    routes: [
      { categories: ['arms_transfer', 'un_violation'], channels: channels.map((c) => c.name) },
    ],
    watchdog: { stall: options.watchdogStall ?? '30s' },
    // These tests count every alert once per channel; flood control (one summary past the
    // burst) has its own fault test, flood.fault.test.ts.
    alerts: { burst: 0 },
    ...options.extra,
  };
  const file = path.join(dir, 'sanctionwatch.yaml');
  await writeFile(file, stringify(config), 'utf8');
  return { path: file, env, prefix, redisUrl, logFile, channels: names };
}

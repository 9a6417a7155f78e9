// Builds a bench config and app: feeds on the local feed server (disabled, so the bench decides
// when each is polled), a log channel writing to a temp file and a webhook channel.
import path from 'node:path';
import { destination, pino, type Logger } from 'pino';
import { createApp, type App } from '../../src/app/create-app.js';
import { loadConfigFromText } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { repoRoot } from './items.js';

/** Warnings and errors to stderr; stdout carries only the JSON result lines. */
export const benchLogger: Logger = pino({ level: 'warn' }, destination(2));

/**
 * The bench's config; `extra` (else the BENCH_EXTRA variable, e.g. `poller: { concurrency: 32 }`)
 * is appended as YAML to try other settings.
 */
export async function benchConfig(opts: {
  redisUrl: string;
  prefix: string;
  feeds: { name: string; url: string }[];
  hookUrl: string;
  dir: string;
  extra?: string;
}): Promise<Config> {
  const feeds = opts.feeds
    .map((f) => `  - { name: "${f.name}", url: "${f.url}", interval: 1h, enabled: false }`)
    .join('\n');
  const text = `
redis: { url: "${opts.redisUrl}", prefix: "${opts.prefix}" }
http: { enabled: false }
feeds:
${feeds}
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
channels:
  - { name: console, type: log, file: alerts.jsonl }
  - { name: siem, type: webhook, url: "${opts.hookUrl}", secret: "bench-secret" }
routes:
  - { categories: [arms_transfer, un_violation], channels: [console, siem] }
${opts.extra ?? process.env.BENCH_EXTRA ?? ''}
`;
  return loadConfigFromText(text, { file: path.join(opts.dir, 'bench.yaml') });
}

export function benchApp(config: Config): App {
  return createApp({ config, logger: benchLogger, role: 'all' });
}

/** Sum of a prom-client counter's values whose labels match. */
export async function counterSum(
  counter: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await counter.get();
  let n = 0;
  for (const v of values)
    if (Object.entries(labels).every(([k, want]) => v.labels[k] === want)) n += v.value;
  return n;
}

export async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('bench timed out waiting for the pipeline to drain');
    await new Promise((r) => setTimeout(r, 10));
  }
}

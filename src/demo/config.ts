import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfigFromText } from '../config/load.js';
import type { Config } from '../config/schema.js';

/** What the demo config is built from. */
export interface DemoConfigInput {
  /** Root of the installed package; the shipped watchlists are read from its `config/watchlists/`. */
  root: string;
  /** Temporary folder: the config file, `dataDir` and the log channel's file go here. */
  tmpDir: string;
  prefix: string;
  /** Ops HTTP port (0: a free one). */
  httpPort: number;
  feeds: readonly { name: string; url: string }[];
  smtpUrl: string;
  webhookUrl: string;
  webhookSecret: string;
  /** Fills `${REDIS_URL}` and `${LOG_LEVEL}`. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Every `$` doubled: paths and URLs put into the YAML must never read as placeholders. */
function literal(text: string): string {
  return text.replaceAll('$', '$$$$');
}

/**
 * Builds the demo's config as YAML and loads it through the normal loader (schema, cross-checks,
 * globs), so the demo runs exactly what a user's config would. The file is kept in `tmpDir` so
 * errors point at something that can be opened.
 */
export async function buildDemoConfig(input: DemoConfigInput): Promise<Config> {
  const doc = {
    redis: { url: '${REDIS_URL:-redis://127.0.0.1:6379}', prefix: literal(input.prefix) },
    http: { host: '127.0.0.1', port: input.httpPort },
    logging: { level: '${LOG_LEVEL:-warn}', pretty: true },
    dataDir: literal(input.tmpDir),
    // The sample stories carry their original dates; without this they would be too old to alert.
    maxItemAge: '36500d',
    feeds: input.feeds.map((f) => ({ name: f.name, url: literal(f.url), interval: '5s' })),
    watchlists: [literal(path.join(input.root, 'config', 'watchlists', '*.yaml'))],
    detection: { threshold: 0.5 },
    channels: [
      { name: 'demo-log', type: 'log', file: literal(path.join(input.tmpDir, 'alerts.jsonl')) },
      {
        name: 'demo-email',
        type: 'email',
        smtp: literal(input.smtpUrl),
        from: 'sanctionwatch demo <demo@sanctionwatch.invalid>',
        to: ['sanctions-desk@example.org'],
      },
      {
        name: 'demo-webhook',
        type: 'webhook',
        url: literal(input.webhookUrl),
        secret: literal(input.webhookSecret),
        timeout: '5s',
      },
    ],
    routes: [
      {
        categories: ['arms_transfer', 'un_violation'],
        channels: ['demo-log', 'demo-email', 'demo-webhook'],
      },
    ],
  };
  const file = path.join(input.tmpDir, 'sanctionwatch-demo.yaml');
  const text = stringify(doc);
  await writeFile(file, text, { mode: 0o600 });
  return loadConfigFromText(text, { file, env: input.env });
}

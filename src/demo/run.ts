import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { oneLine } from '../alerts/render.js';
import { createApp, type App } from '../app/create-app.js';
import { withEmbeddedRedis } from '../app/embedded-redis.js';
import { Lifecycle } from '../app/lifecycle.js';
import { connectRedis, createRedis } from '../app/redis.js';
import { errorLine } from '../errors.js';
import { createLogger } from '../logger.js';
import { buildDemoConfig } from './config.js';
import { readSampleFeeds, startFeedServer, type FeedServer } from './feed-server.js';
import { packageRoot } from './paths.js';
import {
  startSmtpCatcher,
  startWebhookReceiver,
  type ReceivedAlert,
  type Receiver,
} from './receivers.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Ops HTTP (dashboard) port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Environment for the config's `${REDIS_URL}` and `${LOG_LEVEL}`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Where the demo's lines go. @defaultValue process.stdout */
  out?: NodeJS.WritableStream;
  /** Where warnings go. @defaultValue process.stderr */
  err?: NodeJS.WritableStream;
  /** Resolves when the demo should stop. @defaultValue the first SIGINT or SIGTERM */
  until?: Promise<unknown>;
}

/** `ALERT <categories> score=<0.00> "<title>" (<feed>) id=<id>`, safe for a terminal. */
export function alertLine(a: ReceivedAlert): string {
  const cats = a.categories.map(oneLine).join(',');
  return `ALERT ${cats} score=${a.score.toFixed(2)} "${oneLine(a.title)}" (${oneLine(a.feed)}) id=${oneLine(a.id)}`;
}

function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      resolve(sig);
      // Later signals while cleaning up are ignored, so the keys and files still get removed.
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      process.on('SIGINT', ignore);
      process.on('SIGTERM', ignore);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function ignore(): void {}

/** SCAN + UNLINK of every key under the prefix; returns how many were removed. */
export async function removePrefix(redis: Redis, prefix: string): Promise<number> {
  let removed = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}

/**
 * `sanctionwatch demo`: serves the bundled sample feeds, runs the whole daemon on them under its
 * own Redis prefix, prints every alert as the SMTP catcher or the webhook receiver gets it, and
 * on SIGINT/SIGTERM removes everything it made. Throws REDIS_UNREACHABLE before printing anything
 * when Redis cannot be reached.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const until = options.until ?? firstSignal();
  const root = packageRoot();
  const prefix = `sw-demo-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'sanctionwatch-demo-'));
  const seen = new Set<string>();
  // Alerts that beat the Feeds/Dashboard lines wait for them: those two lines always come first.
  let held: string[] | undefined = [];
  const sink = (a: ReceivedAlert) => {
    if (seen.has(a.id)) return;
    seen.add(a.id);
    if (held) held.push(alertLine(a));
    else out.write(`${alertLine(a)}\n`);
  };

  const closers: (() => Promise<void>)[] = [];
  let redisLine: string | undefined;
  let lifecycle: Lifecycle | undefined;
  let app: App | undefined;
  let started = false;
  let removed = 0;
  try {
    const feeds = await readSampleFeeds(path.join(root, 'demo', 'feeds'));
    const feedServer: FeedServer = await startFeedServer(feeds);
    closers.push(() => feedServer.close());
    const smtp: Receiver = await startSmtpCatcher(sink);
    closers.push(() => smtp.close());
    const hook: Receiver = await startWebhookReceiver(secret, sink, (why) =>
      err.write(`demo: ${why}\n`),
    );
    closers.push(() => hook.close());

    const built = await buildDemoConfig({
      root,
      tmpDir,
      prefix,
      httpPort: options.port ?? 0,
      feeds: feeds.map((f) => ({ name: f.name, url: `${feedServer.url}${f.path.slice(1)}` })),
      smtpUrl: smtp.url,
      webhookUrl: hook.url,
      webhookSecret: secret,
      env: options.env,
    });
    const logger = createLogger(built.logging, err);
    lifecycle = new Lifecycle(logger);
    // No Redis and no REDIS_URL: a private one with its data in tmpDir, gone at the end.
    const config = await withEmbeddedRedis(built, {
      lifecycle,
      logger,
      say: (line) => (redisLine = `Redis:     ${line}`),
    });
    app = createApp({ config, logger, connectTimeoutMs: 5000, warnWithoutPersistence: false });
    await app.start();
    started = true;
    out.write(`Feeds:     ${feedServer.url} (${feeds.length} sample feeds)\n`);
    out.write(`Dashboard: ${app.httpUrl ?? ''}/\n`);
    out.write(`Prefix:    ${prefix}\n`);
    if (redisLine) out.write(`${redisLine}\n`);
    for (const line of held) out.write(`${line}\n`);
    held = undefined;
    await until;
  } finally {
    await app?.stop(5000).catch(() => undefined);
    // The e-mail channel's pool is closed by app.stop, so the SMTP catcher closes at once.
    for (const close of closers.reverse()) await close().catch(() => undefined);
    // A context means Redis was reached and keys may exist, even when start failed later on.
    if (app?.context) removed = await cleanKeys(app.context.config.redis.url, prefix, err);
    await lifecycle?.stop(5000);
    await rm(tmpDir, { recursive: true, force: true });
  }
  if (started) out.write(`Stopped: ${seen.size} alerts, removed ${removed} Redis keys\n`);
}

async function cleanKeys(url: string, prefix: string, err: NodeJS.WritableStream) {
  const redis = createRedis(url, 'producer');
  try {
    await connectRedis(redis, url, 5000);
    return await removePrefix(redis, prefix);
  } catch (e) {
    err.write(`demo: could not remove the keys under ${prefix}: ${errorLine(e)}\n`);
    return 0;
  } finally {
    redis.disconnect();
  }
}

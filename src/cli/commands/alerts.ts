import type { Command } from 'commander';
import { Redis } from 'ioredis';
import {
  listFailed,
  openDeliveryQueues,
  retryAllFailed,
  retryFailed,
  type FailedDelivery,
} from '../../alerts/failed-jobs.js';
import { createLedger, type RecentAlert } from '../../store/ledger.js';
import { closeQueues } from '../../queues/factory.js';
import { oneLine } from '../../alerts/render.js';
import { loadConfig, CONFIG_HELP } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { connectRedis, createRedis } from '../../app/redis.js';
import { SwError } from '../../errors.js';
import { runCommand, type GlobalFlags } from '../run.js';

interface CommonOptions {
  config?: string;
  limit?: string;
  format?: string;
}

/**
 * One connection that fails fast instead of retrying forever, so the command always ends; a
 * cluster client when `redis.cluster` is set. connectRedis tells a refused password from an
 * unreachable server.
 */
async function connect(config: Config): Promise<Redis> {
  const { url, cluster } = config.redis;
  const redis = cluster
    ? createRedis(url, 'producer', true)
    : new Redis(url, {
        lazyConnect: true,
        maxRetriesPerRequest: null,
        connectTimeout: 5000,
        retryStrategy: () => null,
      });
  // Later errors surface on the commands that meet them; unheard, ioredis would print them.
  redis.on('error', () => undefined);
  await connectRedis(redis, url, 5000);
  return redis;
}

function parseLimit(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new SwError('USAGE', `--limit must be a positive integer, got "${text}"`);
  return n;
}

function parseFormat(text: string | undefined): 'text' | 'jsonl' {
  const f = text ?? 'text';
  if (f !== 'text' && f !== 'jsonl')
    throw new SwError('USAGE', `--format must be text or jsonl, got "${f}"`);
  return f;
}

function failedLine(row: FailedDelivery): string {
  return [
    row.failedAt ?? '-',
    row.alertId,
    row.channel,
    `attempts=${row.attempts}`,
    `job=${row.jobId}`,
    JSON.stringify(oneLine(row.title)),
    `error: ${oneLine(row.error)}`,
  ].join('  ');
}

function recentLine(r: RecentAlert): string {
  const deliveries = Object.entries(r.deliveries)
    .map(([channel, s]) => `${channel}:${s.state}`)
    .join(',');
  return [
    r.alert.createdAt,
    r.alert.id,
    r.alert.categories.join(','),
    r.alert.score.toFixed(2),
    JSON.stringify(oneLine(r.alert.item.title)),
    deliveries || '-',
  ].join('  ');
}

async function withRedis<T>(
  opts: CommonOptions,
  body: (config: Config, redis: Redis) => Promise<T>,
): Promise<T> {
  const config = await loadConfig(opts.config, process.env);
  const redis = await connect(config);
  try {
    return await body(config, redis);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** Runs `body` with the delivery queues open, and closes them whatever happens. */
function withDeliveryQueues<T>(
  opts: CommonOptions,
  body: (queues: ReturnType<typeof openDeliveryQueues>) => Promise<T>,
): Promise<T> {
  return withRedis(opts, async (config, redis) => {
    const queues = openDeliveryQueues(redis, config.redis.prefix);
    try {
      return await body(queues);
    } finally {
      await closeQueues(queues);
    }
  });
}

function write(lines: string[]): void {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('inspect and retry alert deliveries');
  const flags = (cmd: Command): GlobalFlags => cmd.optsWithGlobals<GlobalFlags>();

  alerts
    .command('failed')
    .description(
      'list failed deliveries (alert id, channel, title, attempts, last error, failed at)',
    )
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--limit <n>', 'at most this many', '50')
    .option('--format <fmt>', 'text or jsonl', 'text')
    .action((opts: CommonOptions, cmd: Command) =>
      runCommand(flags(cmd), async () => {
        const limit = parseLimit(opts.limit, 50);
        const format = parseFormat(opts.format);
        const rows = await withDeliveryQueues(opts, (queues) => listFailed(queues, limit));
        if (format === 'jsonl') write(rows.map((r) => JSON.stringify(r)));
        else if (rows.length === 0) process.stdout.write('no failed deliveries\n');
        else write(rows.map(failedLine));
      }),
    );

  alerts
    .command('retry')
    .description('re-queue a failed delivery by alert id or job id, or every one with --all')
    .argument('[id]', 'alert id or delivery job id')
    .option('--all', 'retry every failed delivery')
    .option('-c, --config <file>', CONFIG_HELP)
    .action((id: string | undefined, opts: CommonOptions & { all?: boolean }, cmd: Command) =>
      runCommand(flags(cmd), async () => {
        if (!id && !opts.all)
          throw new SwError('USAGE', 'alerts retry needs an alert id, a job id or --all');
        if (id && opts.all)
          throw new SwError('USAGE', 'alerts retry takes an id or --all, not both');
        const message = await withDeliveryQueues(opts, async (queues) => {
          if (opts.all) return `re-queued ${await retryAllFailed(queues)} failed deliveries`;
          const rows = await retryFailed(queues, id!);
          return rows
            .map((r) => `re-queued ${r.alertId} on ${r.channel} (job ${r.jobId})`)
            .join('\n');
        });
        process.stdout.write(`${message}\n`);
      }),
    );

  alerts
    .command('recent')
    .description('show the latest alerts and where they were delivered')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--limit <n>', 'at most this many', '20')
    .option('--format <fmt>', 'text or jsonl', 'text')
    .action((opts: CommonOptions, cmd: Command) =>
      runCommand(flags(cmd), async () => {
        const limit = parseLimit(opts.limit, 20);
        const format = parseFormat(opts.format);
        const rows = await withRedis(opts, (config, redis) =>
          createLedger({ redis, prefix: config.redis.prefix }).recent(limit),
        );
        if (format === 'jsonl') write(rows.map((r) => JSON.stringify(r)));
        else if (rows.length === 0) process.stdout.write('no alerts yet\n');
        else write(rows.map(recentLine));
      }),
    );
}

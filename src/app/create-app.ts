import { availableParallelism } from 'node:os';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import { SwError } from '../errors.js';
import { mountBullBoard } from '../http/admin.js';
import { mountDashboard } from '../http/dashboard/index.js';
import { createHttpServer } from '../http/server.js';
import {
  closeQueues,
  createQueues,
  createWorker,
  jobCounts,
  type Queues,
} from '../queues/factory.js';
import { QueueNames, type QueueName } from '../queues/registry.js';
import { runs, type AppContext, type Role } from './context.js';
import { loadMatcherSources, watchedFolders } from '../sources/load.js';
import { countNames } from '../sources/compile.js';
import { collectQueueCounts, createMetrics, type Metrics } from './metrics.js';
import { makeDeliveryProcessor } from './processors/deliver.js';
import { makeBatchMatcher, makeMatchProcessor } from './processors/match.js';
import { makeListsProcessor, reconcileListSchedulers } from './processors/lists.js';
import { makePollProcessor } from './processors/poll.js';
import { createMatcherPool, type MatcherPool } from './matcher-pool.js';
import { connectRedis, createRedis, evictionPolicyProblem } from './redis.js';
import { reconcileSchedulers } from './schedulers.js';
import { createWatchdog, type Watchdog } from './watchdog.js';
import { watchWatchlists, type WatchlistWatcher } from '../sources/watch.js';
import { errorLine } from '../errors.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** @defaultValue the system clock */
  clock?: Clock;
  /** @defaultValue all */
  role?: Role;
  /** @defaultValue a fresh registry */
  metrics?: Metrics;
  /** Called when the watchdog finds a stuck worker; the daemon stops and exits 1. */
  onFatal?: (reason: string) => void;
  /** How long to wait for Redis at start before giving up. @defaultValue 10s */
  connectTimeoutMs?: number;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean | string>;
}

export interface App {
  start(): Promise<void>;
  /** Stops in reverse order; active jobs finish or, past the deadline, are left to be retried. */
  stop(deadlineMs?: number): Promise<void>;
  readiness(): Promise<Readiness>;
  /**
   * Recompiles the matcher from the watchlist and rule files and swaps it in; on a bad file the
   * old matcher stays in force and the problem is logged. Resolves true when swapped.
   */
  reload(): Promise<boolean>;
  /** Available after start. */
  readonly context: AppContext | undefined;
  /** The threads that parse and match, after start (roles poller and matcher). */
  readonly matchers: MatcherPool | undefined;
  /** URL of the ops HTTP server, after start. */
  readonly httpUrl: string | undefined;
  readonly workers: readonly Worker[];
}

/**
 * Wires the daemon. Start order: Redis → queues → matcher → workers → schedulers → HTTP; stop in
 * reverse. Config and logger come in already built.
 */
export function createApp(options: AppOptions): App {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const role = options.role ?? 'all';
  const metrics = options.metrics ?? createMetrics();
  let producer: Redis | undefined;
  let workerConn: Redis | undefined;
  let queueConn: Redis | undefined;
  let queues: Queues | undefined;
  let context: AppContext | undefined;
  const workers: Worker[] = [];
  let http: Awaited<ReturnType<typeof startHttp>> | undefined;
  let stopping: Promise<void> | undefined;
  let watcher: WatchlistWatcher | undefined;
  let watchdog: Watchdog | undefined;
  let watchdogTimer: NodeJS.Timeout | undefined;
  let offload: MatcherPool | undefined;

  async function reload(): Promise<boolean> {
    const pool = offload;
    if (!pool || !runs(role, 'matcher')) return false;
    try {
      // Globs are expanded afresh: a file added since start counts.
      const sources = await loadMatcherSources(config);
      await pool.reload(sources);
      logger.info(
        {
          generation: pool.generation,
          lists: sources.watchlists.length,
          names: countNames(sources),
          files: sources.files.length,
        },
        'watchlists reloaded',
      );
      return true;
    } catch (err) {
      logger.error(
        { reason: errorLine(err) },
        'watchlist reload refused; the previous watchlists stay in force in every matcher thread',
      );
      return false;
    }
  }

  async function readiness(): Promise<Readiness> {
    const checks: Record<string, boolean | string> = {};
    checks.redis = await pingWithin(producer, 1000);
    checks.workers = workers.length > 0 && workers.every((w) => w.isRunning());
    if (workers.length === 0) checks.workers = true;
    if (watchdog?.tripped) checks.watchdog = 'a worker with waiting jobs made no progress';
    return { ready: Object.values(checks).every((v) => v === true), checks };
  }

  async function startHttp() {
    const server = createHttpServer({
      config: config.http,
      logger,
      readiness,
      metrics: metrics.registry,
    });
    if (queues) await mountBullBoard(server.app, Object.values(queues), config.http.adminReadOnly);
    if (queues && producer) {
      const categories = [...new Set(config.routes.flatMap((r) => r.categories))];
      await mountDashboard(server.app, {
        redis: producer,
        prefix: config.redis.prefix,
        feeds: config.feeds,
        categories,
        queues: Object.values(queues),
        clock,
      });
    }
    const { url } = await server.start();
    return { server, url };
  }

  async function start(): Promise<void> {
    producer = createRedis(config.redis.url, 'producer');
    workerConn = createRedis(config.redis.url, 'worker');
    // Queues get their own connection: BullMQ defines its ~50 scripts on the connection it is
    // given, and ioredis copies every defined script onto each pipeline or MULTI built from that
    // connection, which made the app's own per-poll and per-delivery pipelines cost ~10% of the
    // event loop.
    queueConn = createRedis(config.redis.url, 'producer');
    queueConn.on('error', (err) =>
      logger.debug({ err: err.message }, 'redis (queues) connection error'),
    );
    producer.on('error', (err) =>
      logger.debug({ err: err.message }, 'redis (producer) connection error'),
    );
    workerConn.on('error', (err) =>
      logger.debug({ err: err.message }, 'redis (worker) connection error'),
    );
    const timeout = options.connectTimeoutMs ?? 10_000;
    await connectRedis(producer, config.redis.url, timeout);
    await connectRedis(workerConn, config.redis.url, timeout);
    await connectRedis(queueConn, config.redis.url, timeout);
    const policy = await evictionPolicyProblem(producer);
    if (policy) {
      logger.warn(
        { policy },
        `Redis maxmemory-policy is "${policy}": set it to "noeviction" or Redis may drop queued jobs`,
      );
    }

    queues = createQueues(queueConn, config.redis.prefix, logger);
    collectQueueCounts(metrics, () => jobCounts(Object.values(queues!)));
    const sources = runs(role, 'matcher') ? await loadMatcherSources(config) : undefined;
    context = { config, logger, clock, redis: producer, queues, metrics };

    const common = { connection: workerConn, prefix: config.redis.prefix, logger };
    // Parsing and matching run on a worker thread: the event loop stays free to move jobs and
    // renew locks, and a one-process daemon uses a second core.
    if (runs(role, 'poller') || runs(role, 'matcher')) {
      offload = createMatcherPool({
        sources,
        // One core for this thread, one for the event loop (and Redis, when local).
        threads: config.matcher.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
      });
      await offload.ready();
    }
    if (runs(role, 'poller')) {
      workers.push(
        createWorker({
          ...common,
          name: QueueNames.poll,
          // One process running both roles matches a poll's new items in the poll itself: the
          // items skip a queue hop (a job write and read of every item's text) on their way.
          processor: makePollProcessor(
            context,
            offload,
            runs(role, 'matcher') && config.matcher.inline
              ? makeBatchMatcher(context, offload!)
              : undefined,
          ),
          concurrency: config.poller.concurrency,
        }),
      );
      if (config.lists.length > 0) {
        workers.push(
          createWorker({
            ...common,
            name: QueueNames.lists,
            processor: makeListsProcessor(context),
            concurrency: 1,
          }),
        );
      }
    }
    if (runs(role, 'matcher')) {
      workers.push(
        createWorker({
          ...common,
          name: QueueNames.match,
          processor: makeMatchProcessor(context, offload!),
          concurrency: config.matcher.concurrency,
        }),
      );
    }
    if (runs(role, 'notifier')) {
      const deliver = makeDeliveryProcessor(context);
      for (const name of [
        QueueNames.deliverLog,
        QueueNames.deliverEmail,
        QueueNames.deliverWebhook,
      ] as const) {
        workers.push(
          createWorker({
            ...common,
            name,
            processor: deliver.processor,
            concurrency: config.notifier.concurrency,
          }),
        );
      }
      context.onStop = deliver.close;
    }
    for (const w of workers)
      void w.run().catch((err: unknown) => logger.error({ err }, 'worker stopped'));
    await Promise.all(workers.map((w) => w.waitUntilReady()));

    if (runs(role, 'poller')) {
      await reconcileSchedulers(queues.poll, config, logger);
      await reconcileListSchedulers(queues.lists, config, logger);
    }
    if (workers.length > 0) {
      const q = queues;
      watchdog = createWatchdog({
        workers,
        stallMs: config.watchdog.stall,
        clock,
        waiting: (w) => q[w.name as QueueName].getWaitingCount(),
        onStall: (queue, idleMs) => {
          logger.fatal(
            { queue, idleMs },
            'worker made no progress while jobs wait; exiting for a restart',
          );
          options.onFatal?.(`worker for ${queue} stalled`);
        },
      });
      watchdogTimer = setInterval(
        () => void watchdog?.check(),
        Math.min(30_000, Math.max(1000, config.watchdog.stall / 4)),
      );
      watchdogTimer.unref();
    }
    if (runs(role, 'matcher')) {
      // Folders, not the files found at start: a file added later must count too.
      watcher = watchWatchlists(watchedFolders(config), () => void reload(), {
        onError: (err, dir) =>
          logger.warn({ dir, err: err.message }, 'cannot watch watchlist folder'),
      });
    }
    if (config.http.enabled) http = await startHttp();
    logger.info(
      {
        role,
        feeds: config.feeds.length,
        channels: config.channels.length,
        http: http?.url,
        prefix: config.redis.prefix,
      },
      'sanctionwatch started',
    );
  }

  async function stopOnce(deadlineMs: number): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    const left = () => Math.max(0, deadline - Date.now());
    watcher?.close();
    if (watchdogTimer) clearInterval(watchdogTimer);
    watchdog?.stop();
    if (http)
      await withDeadline(http.server.stop(), left(), 'http').catch((e: unknown) =>
        logger.warn({ err: e }, 'http stop'),
      );
    // Graceful close waits for active jobs; past the deadline, force it: their locks lapse and
    // another worker (or this one after restart) retries them as stalled jobs.
    const graceful = Promise.all(workers.map((w) => w.close()));
    try {
      await withDeadline(graceful, left(), 'workers');
    } catch {
      logger.warn('active jobs did not finish before the deadline; they will be retried');
      await Promise.allSettled(workers.map((w) => w.close(true)));
    }
    await context?.onStop?.().catch(() => undefined);
    await offload?.close().catch(() => undefined);
    if (queues) await withDeadline(closeQueues(queues), left(), 'queues').catch(() => undefined);
    for (const conn of [workerConn, queueConn, producer]) {
      if (!conn) continue;
      await withDeadline(conn.quit(), Math.min(1000, left()), 'redis').catch(() =>
        conn.disconnect(),
      );
    }
    logger.info('sanctionwatch stopped');
  }

  return {
    start,
    stop(deadlineMs = 8000) {
      stopping ??= stopOnce(deadlineMs);
      return stopping;
    },
    readiness,
    reload,
    get context() {
      return context;
    },
    get matchers() {
      return offload;
    },
    get httpUrl() {
      return http?.url;
    },
    workers,
  };
}

async function pingWithin(redis: Redis | undefined, ms: number): Promise<boolean | string> {
  if (!redis || redis.status !== 'ready') return redis ? `redis ${redis.status}` : 'not started';
  try {
    await withDeadline(redis.ping(), ms, 'ping');
    return true;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(
        () => reject(new SwError('SHUTDOWN_TIMEOUT', `${what} did not stop in time`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

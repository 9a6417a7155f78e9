import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import { errorLine } from '../errors.js';
import { mountBullBoard } from '../http/admin.js';
import { mountDashboard } from '../http/dashboard/index.js';
import { createHttpServer } from '../http/server.js';
import { closeQueues, createQueues, jobCounts, type Queues } from '../queues/factory.js';
import type { QueueName } from '../queues/registry.js';
import { countNames } from '../sources/compile.js';
import { loadMatcherSources, watchedFolders } from '../sources/load.js';
import { watchWatchlists } from '../sources/watch.js';
import { openConnections } from './connections.js';
import { runs, type AppContext, type Role } from './context.js';
import { Lifecycle, withDeadline } from './lifecycle.js';
import { createMatcherPool, type MatcherPool } from './matcher-pool.js';
import { collectQueueCounts, createMetrics, type Metrics } from './metrics.js';
import { createKeeper, type Keeper } from './keeper.js';
import { createWriteGuard, writeProbe, writesReady } from './write-guard.js';
import { createWatchdog, type Watchdog } from './watchdog.js';
import { startWorkers } from './workers.js';
import type { Readiness } from '../http/server.js';

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
  /**
   * Warn when Redis runs without appendonly; off for throwaway runs (the demo removes its keys).
   * @defaultValue true
   */
  warnWithoutPersistence?: boolean;
}

export type { Readiness } from '../http/server.js';

export interface App {
  start(): Promise<void>;
  /** Stops in reverse order; active jobs finish or, past the deadline, are left to be retried. */
  stop(deadlineMs?: number): Promise<void>;
  readiness(): Promise<Readiness>;
  /**
   * Reads the watchlist and rule files again (globs expanded afresh) and swaps every matcher
   * thread to them; on a bad file the old matcher stays in force everywhere and the problem is
   * logged with the file. Resolves true when swapped.
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
 * Wires the daemon. Start order: Redis → queues → matcher threads → workers → schedulers →
 * watchdog → folder watch → HTTP; each registers its stop as it starts, and stop runs them in
 * reverse within one deadline. Config and logger come in already built.
 */
export function createApp(options: AppOptions): App {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const role = options.role ?? 'all';
  const metrics = options.metrics ?? createMetrics();
  const lifecycle = new Lifecycle(logger);
  const workers: Worker[] = [];
  let producer: Redis | undefined;
  let context: AppContext | undefined;
  let pool: MatcherPool | undefined;
  let watchdog: Watchdog | undefined;
  let httpUrl: string | undefined;
  let keeper: Keeper | undefined;
  const stopSignal = new AbortController();
  // Every in-flight fetch listens for the stop (and removes its listener when done): as many
  // listeners as poller.concurrency is expected, not a leak.
  setMaxListeners(0, stopSignal.signal);
  const probe = writeProbe(() => producer, config.redis.prefix);
  const writeGuard = createWriteGuard({ logger, clock, workers: () => workers, probe });
  let stopping: Promise<void> | undefined;

  async function reload(): Promise<boolean> {
    const threads = pool;
    if (!threads || !runs(role, 'matcher')) return false;
    try {
      // Globs are expanded afresh: a file added since start counts.
      const sources = await loadMatcherSources(config);
      await threads.reload(sources);
      logger.info(
        {
          generation: threads.generation,
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
    checks.workers = workers.length === 0 || workers.every((w) => w.isRunning());
    checks.writes = writeGuard.check();
    if (checks.writes === true && checks.redis === true)
      checks.writes = await writesReady(probe, 1000);
    if (watchdog?.tripped) checks.watchdog = 'a worker with waiting jobs made no progress';
    Object.assign(checks, keeper?.checks());
    return { ready: Object.values(checks).every((v) => v === true), checks };
  }

  async function startHttp(queues: Queues, redis: Redis): Promise<void> {
    const server = createHttpServer({
      config: config.http,
      logger,
      readiness,
      metrics: metrics.registry,
    });
    lifecycle.onStop('http', () => server.stop());
    await mountBullBoard(server.app, Object.values(queues), config.http.adminReadOnly);
    await mountDashboard(server.app, {
      redis,
      prefix: config.redis.prefix,
      feeds: config.feeds,
      categories: [...new Set(config.routes.flatMap((r) => r.categories))],
      queues: Object.values(queues),
      clock,
    });
    httpUrl = (await server.start()).url;
  }

  function startWatchdog(queues: Queues): void {
    watchdog = createWatchdog({
      workers,
      stallMs: config.watchdog.stall,
      clock,
      waiting: (w) => queues[w.name as QueueName].getWaitingCount(),
      onStall: (queue, idleMs) => {
        logger.fatal(
          { queue, idleMs },
          'worker made no progress while jobs wait; exiting for a restart',
        );
        options.onFatal?.(`worker for ${queue} stalled`);
      },
    });
    const timer = setInterval(
      () => void watchdog?.check(),
      Math.min(30_000, Math.max(1000, config.watchdog.stall / 4)),
    );
    timer.unref();
    lifecycle.onStop('watchdog', () => {
      clearInterval(timer);
      watchdog?.stop();
    });
  }

  /** The keeper's first pass now, then on every Redis reconnect and on a timer. */
  async function startKeeper(ctx: AppContext): Promise<Keeper> {
    const started = createKeeper(ctx);
    await started.tick();
    const onReady = () => void started.tick();
    ctx.redis.on('ready', onReady);
    const shortest = Math.min(...config.feeds.map((f) => f.interval), 60_000);
    const timer = setInterval(() => void started.tick(), Math.max(1000, shortest));
    timer.unref();
    lifecycle.onStop('keeper', async () => {
      clearInterval(timer);
      ctx.redis.off('ready', onReady);
      await started.tick().catch(() => undefined);
    });
    return started;
  }

  async function start(): Promise<void> {
    const conns = await openConnections(
      config,
      logger,
      lifecycle,
      options.connectTimeoutMs ?? 10_000,
      options.warnWithoutPersistence ?? true,
    );
    producer = conns.producer;
    const queues = createQueues(conns.queue, config.redis.prefix, logger);
    lifecycle.onStop('queues', () => closeQueues(queues));
    collectQueueCounts(metrics, () => jobCounts(Object.values(queues)));
    context = {
      config,
      logger,
      clock,
      redis: conns.producer,
      queues,
      metrics,
      stopping: stopSignal.signal,
    };

    // Parsing and matching run on threads: the event loop stays free to move jobs and renew
    // locks, and a one-process daemon uses a second core.
    if (runs(role, 'poller') || runs(role, 'matcher')) {
      const sources = runs(role, 'matcher') ? await loadMatcherSources(config) : undefined;
      const threads =
        config.matcher.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
      const started = createMatcherPool({ sources, threads });
      pool = started;
      lifecycle.onStop('matcher threads', () => started.close());
      await started.ready();
    }
    // Before the workers: the first poll must know whether Redis lost data since the last run.
    if (runs(role, 'poller')) keeper = await startKeeper(context);
    workers.push(
      ...(await startWorkers({
        context,
        role,
        connection: conns.worker,
        pool,
        lifecycle,
        keeper,
        abortInFlight: () => stopSignal.abort(),
        onWorkerError: (queue, err) => writeGuard.onWorkerError(queue, err),
      })),
    );
    lifecycle.onStop('write guard', () => writeGuard.stop());
    if (workers.length > 0) startWatchdog(queues);
    if (runs(role, 'matcher')) {
      // Folders, not the files found at start: a file added later must count too.
      const watcher = watchWatchlists(watchedFolders(config), () => void reload(), {
        onError: (err, dir) =>
          logger.warn({ dir, err: err.message }, 'cannot watch watchlist folder'),
      });
      lifecycle.onStop('folder watch', () => watcher.close());
    }
    if (config.http.enabled) await startHttp(queues, conns.producer);
    logger.info(
      {
        role,
        feeds: config.feeds.length,
        channels: config.channels.length,
        http: httpUrl,
        prefix: config.redis.prefix,
      },
      'sanctionwatch started',
    );
  }

  return {
    start,
    stop(deadlineMs = 8000) {
      stopping ??= lifecycle.stop(deadlineMs).then(() => logger.info('sanctionwatch stopped'));
      return stopping;
    },
    readiness,
    reload,
    get context() {
      return context;
    },
    get matchers() {
      return pool;
    },
    get httpUrl() {
      return httpUrl;
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

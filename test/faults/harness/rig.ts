import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deletePrefix } from '../../helpers/redis.js';
import { writeConfig, type FaultConfig, type FaultConfigOptions } from './config.js';
import {
  killAllDaemons,
  spawnDaemon,
  type DaemonHandle,
  type SpawnDaemonOptions,
} from './daemon.js';
import { expectedAlerts, type ExpectedAlerts } from './expected.js';
import { feedServer, type FeedServer, type FeedServerOptions } from './feeds.js';
import { privateRedis, type PrivateRedis } from './redis.js';
import { tallyAll, writeFaultReport, type ChannelTally, type FaultReport } from './report.js';
import { smtpCatcher, type SmtpCatcher } from './smtp.js';
import { webhookReceiver, type WebhookReceiver } from './webhook.js';

/** Options of {@link startRig}. */
export interface RigOptions {
  /** Generated feeds. @defaultValue 30 feeds × 50 items */
  feeds?: FeedServerOptions;
  /** Run against a private `redis-server` (AOF on) instead of the shared test Redis. @defaultValue false */
  privateRedis?: boolean;
  /** With `privateRedis`: persist with AOF (false: a restart comes back empty). @defaultValue true */
  redisAof?: boolean;
  /**
   * Run against this Redis Cluster node (`redis.cluster: true`) instead; the cluster's owner
   * removes its data, so dispose deletes no keys. Use a hash-tagged `config.prefix`.
   */
  redisCluster?: string;
  /** Config settings beyond feeds, Redis, channels (which the rig fills in). */
  config?: Omit<FaultConfigOptions, 'feeds' | 'redisUrl' | 'redisCluster' | 'webhook' | 'smtpUrl'>;
  /** @defaultValue true */
  webhook?: boolean;
  /** @defaultValue true */
  email?: boolean;
}

/** Everything a fault scenario needs, wired together; {@link Rig.dispose} undoes all of it. */
export interface Rig {
  dir: string;
  feeds: FeedServer;
  webhook: WebhookReceiver | undefined;
  smtp: SmtpCatcher | undefined;
  redis: PrivateRedis | undefined;
  config: FaultConfig;
  /** Alerts the daemon must deliver for every item generated when the rig started. */
  expected: ExpectedAlerts;
  /** Recomputes {@link Rig.expected} (after `feeds.add`). */
  refreshExpected(): Promise<ExpectedAlerts>;
  /** Spawns a daemon with the rig's config and environment. */
  spawn(
    role?: SpawnDaemonOptions['role'],
    name?: string,
    env?: Record<string, string>,
  ): DaemonHandle;
  /** Per-channel comparison of deliveries so far with {@link Rig.expected}. */
  tally(): Promise<Record<string, ChannelTally>>;
  /** True once every channel has every expected alert at least once. */
  allDelivered(): Promise<boolean>;
  /** Deliveries so far summed over channels (each id once per channel). */
  deliveredCount(): Promise<number>;
  /** Writes test-results/faults/<scenario>.json from the current tally plus `extra`. */
  report(
    scenario: string,
    extra: { recover_ms: number | null } & Record<string, unknown>,
  ): Promise<FaultReport>;
  /** Kills daemons, stops peers, deletes the Redis keys and the temp folder. */
  dispose(): Promise<void>;
}

/** Starts feeds, webhook receiver, SMTP catcher (and a private Redis), writes the config. */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-fault-'));
  const feeds = await feedServer(options.feeds);
  const webhook = options.webhook === false ? undefined : await webhookReceiver();
  const smtp = options.email === false ? undefined : await smtpCatcher();
  const redis = options.privateRedis
    ? await privateRedis({ aof: options.redisAof ?? true })
    : undefined;
  const config = await writeConfig(dir, {
    ...options.config,
    feeds: feeds.feeds,
    ...(redis ? { redisUrl: redis.url } : {}),
    ...(options.redisCluster ? { redisUrl: options.redisCluster, redisCluster: true } : {}),
    ...(webhook ? { webhook: { url: webhook.url, secret: webhook.secret } } : {}),
    ...(smtp ? { smtpUrl: smtp.url } : {}),
  });
  const compute = () => expectedAlerts({ configPath: config.path, env: config.env, server: feeds });
  const rig: Rig = {
    dir,
    feeds,
    webhook,
    smtp,
    redis,
    config,
    expected: await compute(),
    async refreshExpected() {
      rig.expected = await compute();
      return rig.expected;
    },
    spawn: (role = 'all', name, env) =>
      spawnDaemon({
        config: config.path,
        role,
        env: { ...config.env, ...env },
        ...(name ? { name } : {}),
      }),
    tally: () =>
      tallyAll({
        expected: rig.expected,
        channels: config.channels,
        logFile: config.logFile,
        ...(webhook ? { webhookCounts: webhook.counts() } : {}),
        ...(smtp ? { smtpCounts: smtp.counts() } : {}),
      }),
    async allDelivered() {
      return Object.values(await rig.tally()).every((t) => t.missing.length === 0);
    },
    async deliveredCount() {
      return Object.values(await rig.tally()).reduce((s, t) => s + t.delivered, 0);
    },
    async report(scenario, extra) {
      const tally = await rig.tally();
      const report: FaultReport = {
        scenario,
        items: feeds.items.length,
        alerts_expected: rig.expected.alerts.size,
        flagged_items: rig.expected.flaggedItems,
        alerts_delivered: Object.fromEntries(
          Object.entries(tally).map(([c, t]) => [c, t.delivered]),
        ),
        duplicates: Object.fromEntries(Object.entries(tally).map(([c, t]) => [c, t.duplicates])),
        missing: Object.fromEntries(Object.entries(tally).map(([c, t]) => [c, t.missing.length])),
        unexpected: Object.fromEntries(
          Object.entries(tally).map(([c, t]) => [c, t.unexpected.length]),
        ),
        ...extra,
      };
      await writeFaultReport(report);
      return report;
    },
    async dispose() {
      await killAllDaemons();
      await Promise.allSettled([feeds.close(), webhook?.close(), smtp?.close()]);
      if (redis) await redis.dispose();
      else if (!options.redisCluster)
        await deletePrefix(config.prefix, config.redisUrl).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

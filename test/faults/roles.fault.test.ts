import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeConfig } from './harness/config.js';
import { killAllDaemons, readyz, spawnDaemon, type DaemonHandle } from './harness/daemon.js';
import { expectedAlerts } from './harness/expected.js';
import { feedServer, type FeedServer } from './harness/feeds.js';
import { privateRedis, type PrivateRedis } from './harness/redis.js';
import { logFileCounts, tallyAll, writeFaultReport } from './harness/report.js';
import { smtpCatcher, type SmtpCatcher } from './harness/smtp.js';
import { sleep, waitFor } from './harness/wait.js';
import { webhookReceiver, type WebhookReceiver } from './harness/webhook.js';
import { countMsg, retryStats } from './support/logs.js';
import { metricSum, scrape } from './support/metrics.js';

/*
 * The roles as separate processes on one Redis, as on several hosts: two pollers, two matchers,
 * one notifier. Work must be shared (each poller polls, each matcher matches) and each story
 * still alerts once per channel.
 */
describe('two pollers, two matchers and a notifier as separate processes', () => {
  let redis: PrivateRedis | undefined;
  let feeds: FeedServer | undefined;
  let hook: WebhookReceiver | undefined;
  let smtp: SmtpCatcher | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    await killAllDaemons();
    await Promise.allSettled([feeds?.close(), hook?.close(), smtp?.close(), redis?.dispose()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shares the work and delivers each alert once per channel', async () => {
    redis = await privateRedis();
    feeds = await feedServer({ feeds: 30, itemsPerFeed: 50, initial: 0 });
    hook = await webhookReceiver();
    smtp = await smtpCatcher();
    dir = await mkdtemp(path.join(tmpdir(), 'sw-fault-roles-'));
    const cfg = await writeConfig(dir, {
      feeds: feeds.feeds,
      redisUrl: redis.url,
      webhook: { url: hook.url, secret: hook.secret },
      smtpUrl: smtp.url,
    });
    const expected = await expectedAlerts({ configPath: cfg.path, env: cfg.env, server: feeds });

    const spawn = (role: 'poller' | 'matcher' | 'notifier', name: string) =>
      spawnDaemon({ config: cfg.path, env: cfg.env, role, name });
    const procs: DaemonHandle[] = [
      spawn('poller', 'poller-1'),
      spawn('poller', 'poller-2'),
      spawn('matcher', 'matcher-1'),
      spawn('matcher', 'matcher-2'),
      spawn('notifier', 'notifier'),
    ];
    const urls = new Map<string, string>();
    for (const p of procs) urls.set(p.name, await p.httpUrl(60_000));
    for (const [, url] of urls) await waitFor(async () => (await readyz(url)) === 200, 30_000);
    // Every process is up before the first item appears, so no single one takes it all.
    const releasedAt = Date.now();
    feeds.releaseAll();

    const done = async () => {
      const log = await logFileCounts(cfg.logFile);
      return (
        [...expected.byChannel.get(cfg.channels.log)!].every((id) => log.has(id)) &&
        [...expected.byChannel.get(cfg.channels.webhook!)!].every((id) => hook!.counts().has(id)) &&
        [...expected.byChannel.get(cfg.channels.email!)!].every((id) => smtp!.counts().has(id))
      );
    };
    await waitFor(done, 150_000, 'every alert on every channel', 500);
    const allDeliveredMs = Date.now() - releasedAt;
    // Two pollers keep polling the same feeds: no further alert may appear.
    await sleep(4000);

    const perProcess: Record<string, Record<string, number>> = {};
    for (const p of procs) {
      const text = await scrape(urls.get(p.name)!);
      perProcess[p.name] = {
        pid: p.pid,
        polls: metricSum(text, 'sanctionwatch_feed_polls_total'),
        new_items: metricSum(text, 'sanctionwatch_feed_items_total'),
        items_matched: metricSum(text, 'sanctionwatch_items_matched_total'),
        alerts_created: metricSum(text, 'sanctionwatch_alerts_created_total'),
        deliveries: metricSum(text, 'sanctionwatch_deliveries_total', { outcome: 'delivered' }),
        item_flagged_log_lines: countMsg(p.records(), 'item flagged'),
      };
    }
    const tallies = await tallyAll({
      expected,
      channels: cfg.channels,
      logFile: cfg.logFile,
      webhookCounts: hook.counts(),
      smtpCounts: smtp.counts(),
    });
    await writeFaultReport({
      scenario: 'roles',
      items: expected.items,
      alerts_expected: expected.alerts.size,
      alerts_delivered: Object.fromEntries(
        Object.entries(tallies).map(([c, t]) => [c, t.delivered]),
      ),
      duplicates: Object.fromEntries(Object.entries(tallies).map(([c, t]) => [c, t.duplicates])),
      recover_ms: null,
      all_delivered_ms: allDeliveredMs,
      per_process: perProcess,
      retries: retryStats(procs.flatMap((p) => p.records())),
    });

    for (const t of Object.values(tallies)) {
      expect(t.missing).toEqual([]);
      expect(t.unexpected).toEqual([]);
      expect(t.duplicateIds).toEqual([]);
    }
    const m1 = perProcess['matcher-1'];
    const m2 = perProcess['matcher-2'];
    // Both matchers did a real share of the items, and together every item exactly once.
    expect(m1.items_matched).toBeGreaterThan(0);
    expect(m2.items_matched).toBeGreaterThan(0);
    expect(m1.items_matched + m2.items_matched).toBe(expected.items);
    expect(m1.item_flagged_log_lines).toBeGreaterThan(0);
    expect(m2.item_flagged_log_lines).toBeGreaterThan(0);
    expect(perProcess['poller-1'].new_items).toBeGreaterThan(0);
    expect(perProcess['poller-2'].new_items).toBeGreaterThan(0);
    expect(perProcess['poller-1'].new_items + perProcess['poller-2'].new_items).toBe(
      expected.items,
    );
    // Roles stay in their lane.
    for (const name of ['poller-1', 'poller-2', 'notifier'])
      expect(perProcess[name].items_matched).toBe(0);
    for (const name of ['matcher-1', 'matcher-2', 'notifier'])
      expect(perProcess[name].polls).toBe(0);
    for (const p of procs) expect(p.exited, p.name).toBeUndefined();
  }, 300_000);
});

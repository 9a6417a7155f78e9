import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeConfig } from './harness/config.js';
import { killAllDaemons, spawnDaemon } from './harness/daemon.js';
import { expectedAlerts } from './harness/expected.js';
import { feedServer, type FeedServer } from './harness/feeds.js';
import { privateRedis, type PrivateRedis } from './harness/redis.js';
import { logFileCounts, tallyAll, writeFaultReport } from './harness/report.js';
import { smtpCatcher, type SmtpCatcher } from './harness/smtp.js';
import { sleep, waitFor } from './harness/wait.js';
import { webhookReceiver, type WebhookReceiver } from './harness/webhook.js';
import { retryStats } from './support/logs.js';

/*
 * Peers down mid-run: the webhook endpoint stops listening (connection refused) and the SMTP
 * server answers 421 to every transaction, both for OUTAGE_MS, while new items keep arriving.
 * Job retries (src/queues/registry.ts) must outlast the outage, then every alert arrives exactly
 * once per channel.
 */
const OUTAGE_MS = 30_000;

describe('webhook receiver down and SMTP refusing (421) for 30 s', () => {
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

  it('resumes and delivers every alert exactly once per channel', async () => {
    redis = await privateRedis();
    feeds = await feedServer({ feeds: 30, itemsPerFeed: 50, initial: 450 });
    hook = await webhookReceiver();
    smtp = await smtpCatcher();
    dir = await mkdtemp(path.join(tmpdir(), 'sw-fault-peers-'));
    const cfg = await writeConfig(dir, {
      feeds: feeds.feeds,
      redisUrl: redis.url,
      webhook: { url: hook.url, secret: hook.secret, timeout: '2s' },
      smtpUrl: smtp.url,
    });
    const expected = await expectedAlerts({ configPath: cfg.path, env: cfg.env, server: feeds });
    const email = cfg.channels.email!;
    const webhook = cfg.channels.webhook!;
    const wantHook = expected.byChannel.get(webhook)!;
    const wantMail = expected.byChannel.get(email)!;
    const wantLog = expected.byChannel.get(cfg.channels.log)!;

    const daemon = spawnDaemon({ config: cfg.path, env: cfg.env });
    await daemon.httpUrl();
    // Mid-run: some alerts are through on both channels before the peers go away.
    await waitFor(
      () => hook!.counts().size >= 10 && smtp!.counts().size >= 10,
      60_000,
      'first deliveries',
    );
    const before = { webhook: hook.counts().size, email: smtp.counts().size };

    const downAt = Date.now();
    await hook.stop();
    smtp.refuse();
    feeds.releaseAll();
    await sleep(OUTAGE_MS);
    const duringOutage = { webhook: hook.counts().size, email: smtp.counts().size };
    const logDuringOutage = (await logFileCounts(cfg.logFile)).size;
    await hook.start();
    smtp.accept();
    const backAt = Date.now();

    const hookDone = () => [...wantHook].every((id) => hook!.counts().has(id));
    const mailDone = () => [...wantMail].every((id) => smtp!.counts().has(id));
    // Worst case after the outage is one full backoff step (up to 32 s webhook, 40 s e-mail).
    await waitFor(hookDone, 120_000, 'every webhook delivery');
    const webhookBackMs = lastDelivery(hook.log, wantHook) - backAt;
    await waitFor(mailDone, 120_000, 'every e-mail delivery');
    const emailBackMs = lastMail(smtp, wantMail) - backAt;
    await waitFor(
      async () => (await logFileCounts(cfg.logFile)).size >= wantLog.size,
      60_000,
      'every log delivery',
    );
    // Late duplicates would come from retries still queued: give them time to show.
    await sleep(3000);

    const tallies = await tallyAll({
      expected,
      channels: cfg.channels,
      logFile: cfg.logFile,
      webhookCounts: hook.counts(),
      smtpCounts: smtp.counts(),
    });
    const retries = retryStats(daemon.records());
    await writeFaultReport({
      scenario: 'peers-down',
      items: expected.items,
      alerts_expected: expected.alerts.size,
      alerts_delivered: Object.fromEntries(
        Object.entries(tallies).map(([c, t]) => [c, t.delivered]),
      ),
      duplicates: Object.fromEntries(Object.entries(tallies).map(([c, t]) => [c, t.duplicates])),
      recover_ms: Math.max(webhookBackMs, emailBackMs),
      outage_ms: backAt - downAt,
      recover_ms_by_channel: { [webhook]: webhookBackMs, [email]: emailBackMs },
      delivered_before_outage: before,
      delivered_during_outage: { ...duringOutage, log: logDuringOutage },
      smtp_refused_421: smtp.refused,
      webhook_requests: hook.log.length,
      retries,
    });

    for (const t of Object.values(tallies)) {
      expect(t.missing).toEqual([]);
      expect(t.unexpected).toEqual([]);
      expect(t.duplicateIds).toEqual([]);
    }
    expect(hook.invalid).toBe(0);
    // The outage really blocked both channels while the log channel kept going (a mail already
    // past MAIL FROM when the refusals began may still land in the first moments).
    expect(duringOutage.webhook).toBe(before.webhook);
    expect(smtp.mails.filter((m) => m.at > downAt + 2000 && m.at < backAt)).toEqual([]);
    expect(logDuringOutage).toBeGreaterThan(before.webhook);
    expect(smtp.refused).toBeGreaterThan(0);
    expect(retries.failedForGood).toBe(0);
    expect(daemon.exited).toBeUndefined();
  }, 300_000);
});

function lastDelivery(
  log: readonly { alertId: string; at: number; status: number }[],
  ids: Set<string>,
) {
  return Math.max(...log.filter((d) => d.status < 300 && ids.has(d.alertId)).map((d) => d.at));
}

function lastMail(smtp: SmtpCatcher, ids: Set<string>) {
  return Math.max(...smtp.mails.filter((m) => ids.has(m.alertId)).map((m) => m.at));
}

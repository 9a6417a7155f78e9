import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deliveryJobs,
  nodeCommand,
  queueCounts,
  readyz,
  sleep,
  startRedisCluster,
  startRig,
  unexplainedDuplicates,
  waitFor,
  type RedisCluster,
  type Rig,
} from './harness/index.js';

// A real Redis Cluster (3 masters, 3 replicas) under the whole pipeline; the master serving the
// deployment's hash-tagged slot is killed with SIGKILL mid-run. Its replica must take over, the
// daemon must follow it without a restart, every expected alert must reach every channel, a
// repeat is allowed only for a delivery in flight around the failover, and items published after
// the failover must be polled and delivered.

const NOTIFIER_CONCURRENCY = 8;

let cluster: RedisCluster | undefined;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.dispose();
  await cluster?.dispose();
  rig = undefined;
  cluster = undefined;
});

const feedRequests = (r: Rig) => [...r.feeds.requests.values()].reduce((s, n) => s + n, 0);

describe('Redis Cluster: a master killed mid-run', () => {
  it('the replica takes over, nothing is lost, polling continues', async () => {
    cluster = await startRedisCluster({ masters: 3, nodeTimeoutMs: 2000 });
    const c = cluster;
    const prefix = `{swc${randomBytes(4).toString('hex')}}`;
    const slot = Number(await nodeCommand(c.ports[0], 'CLUSTER', 'KEYSLOT', prefix));
    const victim = await c.masterOf(prefix);
    const before = await c.nodes();
    const replicaIds = before.filter((n) => n.masterId === victim.id).map((n) => n.id);
    expect(replicaIds, 'the victim has a replica').toHaveLength(1);
    // Seed the daemon with a node of another shard: the test is the failover, not the seed.
    const seed = before.find((n) => n.id !== victim.id && !replicaIds.includes(n.id))!.port;

    rig = await startRig({
      redisCluster: c.url(seed),
      feeds: { feeds: 20, itemsPerFeed: 40 },
      config: { prefix, notifierConcurrency: NOTIFIER_CONCURRENCY, watchdogStall: '30s' },
    });
    const r = rig;
    const firstBatch = r.expected.alerts.size;
    expect(firstBatch, 'the generated feeds must produce alerts').toBeGreaterThan(50);
    const total = firstBatch * 3;
    const daemon = r.spawn('all');
    const http = await daemon.httpUrl();
    expect(await readyz(http)).toBe(200);
    await waitFor(async () => (await r.deliveredCount()) >= total * 0.3, 90_000, '30% delivered');
    const deliveredAtKill = await r.deliveredCount();

    const killedAt = Date.now();
    await c.kill(victim.port);
    const promoted = await c.waitForFailover(victim.port, slot, 30_000);
    const failedOverAt = Date.now();
    const after = await c.nodes(promoted.port);

    // Polls need their feed lock in the slot that was down: a feed request after the failover
    // is a poll the daemon ran against the promoted replica.
    const requestsAtFailover = feedRequests(r);
    await waitFor(() => feedRequests(r) > requestsAtFailover, 30_000, 'a poll after failover', 20);
    const pollResumedMs = Date.now() - killedAt;

    await waitFor(() => r.allDelivered(), 120_000, 'every first-batch alert on every channel', 250);
    const firstBatchDoneMs = Date.now() - failedOverAt;

    // New items published after the failover: polled, matched and delivered like the rest.
    const addedAt = Date.now();
    r.feeds.add(240);
    await r.refreshExpected();
    const newAlerts = r.expected.alerts.size - firstBatch;
    expect(newAlerts, 'the new items must produce alerts').toBeGreaterThan(0);
    await waitFor(() => r.allDelivered(), 60_000, 'every new alert on every channel', 250);
    const newItemsMs = Date.now() - addedAt;
    // A late redelivery would show up here; give retries a moment to run.
    await sleep(2000);
    const counts = await queueCounts(c.url(seed), prefix, true);

    expect(promoted.id, 'the victim’s replica was promoted').toBe(replicaIds[0]);
    expect(promoted.flags).toContain('master');
    expect(after.find((n) => n.id === victim.id)?.flags).toContain('fail');
    expect(daemon.exited).toBeUndefined();
    expect(daemon.output()).not.toContain('worker made no progress');
    const tally = await r.tally();
    for (const [channel, t] of Object.entries(tally)) {
      expect(t.missing, `${channel}: alerts never delivered`).toEqual([]);
      expect(t.unexpected, `${channel}: alerts not expected`).toEqual([]);
    }
    // A repeat is a send cut off between sending and recording it, so it must follow the kill.
    const outage = [killedAt, failedOverAt] as const;
    const webhookOk = r.webhook!.log.filter((d) => d.status < 300);
    expect(unexplainedDuplicates(webhookOk, [outage])).toEqual([]);
    expect(unexplainedDuplicates(r.smtp!.mails, [outage])).toEqual([]);
    // The log file has no times: at most the deliveries in flight at the kill can repeat.
    expect(tally.console.duplicates).toBeLessThanOrEqual(NOTIFIER_CONCURRENCY);
    expect(r.webhook!.invalid).toBe(0);
    expect(deliveryJobs(counts, 'failed')).toBe(0);
    expect(await readyz(http)).toBe(200);

    daemon.kill('SIGTERM');
    expect((await daemon.waitForExit()).code).toBe(0);
    const report = await r.report('redis-cluster', {
      recover_ms: firstBatchDoneMs,
      failover_ms: failedOverAt - killedAt,
      poll_resumed_after_kill_ms: pollResumedMs,
      new_items_delivered_ms: newItemsMs,
      new_alerts: newAlerts,
      delivered_at_kill: deliveredAtKill,
      deliveries_expected: r.expected.alerts.size * 3,
      killed_master: victim.port,
      promoted_replica: promoted.port,
      failed_jobs: deliveryJobs(counts, 'failed'),
    });
    console.log(JSON.stringify(report, null, 2));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { SUMMARY_QUIET_MS } from '../../../src/alerts/summary.js';
import type { Queues } from '../../../src/queues/factory.js';
import { DELIVERY_QUEUES, MATCH_BATCH } from '../../../src/queues/registry.js';
import { startFlood, waitFor, type FloodRig } from '../../helpers/flood.js';

const ITEMS = 300;
const BURST = 20;

/** Runs every completed match job again, as BullMQ does for a retried job. */
async function retryMatchJobs(queues: Queues): Promise<number> {
  const jobs = await queues.match.getJobs(['completed']);
  await Promise.all(jobs.map((j) => j.retry('completed')));
  await waitFor(
    async () => (await queues.match.getJobCounts('completed')).completed === jobs.length,
    30_000,
  );
  return jobs.length;
}

/** What the channels got and the ledger shows, once the poll's summary went out. */
async function settled(rig: FloodRig) {
  const hasSummary = async () =>
    rig.posts().some((p) => p.id.startsWith('s_')) &&
    (await rig.logLines()).some((l) => l.includes('"summary"'));
  await waitFor(hasSummary, 60_000, SUMMARY_QUIET_MS + 2000);
  return { posts: rig.posts(), lines: await rig.logLines(), recent: await rig.recent(100_000) };
}

describe(`flood control: one poll of a ${ITEMS}-item feed, burst ${BURST}`, () => {
  let rig: FloodRig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it.each([
    { mode: 'inline', inline: true },
    { mode: 'queued', inline: false },
  ])(
    '$mode: at most burst + 1 messages per channel, every alert in the ledger, retries harmless',
    async ({ inline }) => {
      rig = await startFlood({ items: ITEMS, inline });
      const queues = rig.app.context!.queues;
      if (!inline) {
        // Every match job of the poll runs once more while the summary still waits.
        await waitFor(
          async () =>
            (await queues.match.getJobCounts('completed')).completed === ITEMS / MATCH_BATCH,
          30_000,
        );
        await retryMatchJobs(queues);
      }
      const { posts, lines, recent } = await settled(rig);

      const summaries = posts.filter((p) => p.id.startsWith('s_'));
      expect(summaries).toHaveLength(1);
      const held = summaries[0].body.summary!.count;
      expect(recent.length).toBeGreaterThan(BURST * 2);
      expect(held).toBe(recent.length - BURST);
      expect(posts).toHaveLength(BURST + 1);
      expect(new Set(posts.map((p) => p.id)).size).toBe(BURST + 1);
      expect(lines).toHaveLength(BURST + 1);

      // Every alert is in the ledger, delivered on both channels: alone, or in the summary.
      for (const r of recent) {
        expect(r.deliveries.siem?.state).toBe('delivered');
        expect(r.deliveries.console?.state).toBe('delivered');
      }
      const inSummary = recent.filter((r) => r.deliveries.siem?.summary === summaries[0].id);
      expect(inSummary).toHaveLength(held);
      const alone = new Set(posts.filter((p) => p.id.startsWith('a_')).map((p) => p.id));
      expect(recent.filter((r) => alone.has(r.alert.id))).toHaveLength(BURST);

      if (!inline) {
        // After BullMQ cleaned the finished deliveries up, retried match jobs send nothing.
        for (const name of DELIVERY_QUEUES) await queues[name].clean(0, 100_000, 'completed');
        await retryMatchJobs(queues);
        await new Promise((r) => setTimeout(r, SUMMARY_QUIET_MS + 2000));
        expect(rig.posts()).toHaveLength(BURST + 1);
        expect(await rig.logLines()).toHaveLength(BURST + 1);
      }
    },
    120_000,
  );
});

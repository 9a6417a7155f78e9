import { afterEach, describe, expect, it } from 'vitest';
import { SUMMARY_QUIET_MS } from '../../src/alerts/summary.js';
import { startFlood, waitFor, type FloodRig } from '../helpers/flood.js';
import { writeFaultReport } from './harness/report.js';

// One poll of a 10,000-item feed whose every item is flagged (issue 17: it used to send 10,000
// webhooks and 10,000 log lines). With the default burst of 20, each channel gets 20 alerts
// alone and one summary of the rest; every alert is in the ledger (dashboard, `alerts recent`).
// Queued: the poll's 200 match jobs are all run a second time while the summary waits, as
// retried jobs are, and nothing is sent twice or lost.

const ITEMS = 10_000;
const BURST = 20;

let rig: FloodRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe(`flood: one poll of a ${ITEMS}-item feed`, () => {
  it.each([
    { mode: 'inline', inline: true },
    { mode: 'queued', inline: false },
  ])('$mode: burst alone + 1 summary per channel, every alert kept', async ({ mode, inline }) => {
    const started = Date.now();
    rig = await startFlood({ items: ITEMS, inline });
    const r = rig;
    let retried = 0;
    if (!inline) {
      const queues = r.app.context!.queues;
      const busy = async () => {
        const c = await queues.match.getJobCounts('waiting', 'active', 'delayed', 'completed');
        return c.completed > 0 && c.waiting + c.active + c.delayed === 0;
      };
      await waitFor(busy, 150_000);
      const jobs = await queues.match.getJobs(['completed']);
      await Promise.all(jobs.map((j) => j.retry('completed')));
      retried = jobs.length;
    }
    const summarised = async () => {
      const lines = await r.logLines();
      return r.posts().some((p) => p.id.startsWith('s_')) && lines.some((l) => l.includes('"s_'));
    };
    await waitFor(summarised, 170_000, SUMMARY_QUIET_MS + 3000);
    const doneMs = Date.now() - started;
    const posts = r.posts();
    const lines = await r.logLines();
    const recent = await r.recent(100_000);
    const summary = posts.find((p) => p.id.startsWith('s_'));
    const delivered = (ch: string) => recent.filter((x) => x.deliveries[ch]?.state === 'delivered');
    await writeFaultReport({
      scenario: `flood-${mode}`,
      items: ITEMS,
      alerts_expected: recent.length,
      alerts_delivered: { siem: delivered('siem').length, console: delivered('console').length },
      duplicates: {
        siem: posts.length - new Set(posts.map((p) => p.id)).size,
        console: lines.length - new Set(lines).size,
      },
      recover_ms: null,
      messages: { siem: posts.length, console: lines.length },
      summary_count: summary?.body.summary?.count,
      match_jobs_retried: retried,
      done_ms: doneMs,
    });
    expect(recent.length).toBeGreaterThan(ITEMS / 2);
    expect(posts).toHaveLength(BURST + 1);
    expect(lines).toHaveLength(BURST + 1);
    expect(new Set(posts.map((p) => p.id)).size).toBe(BURST + 1);
    expect(summary?.body.summary?.count).toBe(recent.length - BURST);
    expect(delivered('siem')).toHaveLength(recent.length);
    expect(delivered('console')).toHaveLength(recent.length);
  });
});

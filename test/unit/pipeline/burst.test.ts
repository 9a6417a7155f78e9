import { describe, expect, it } from 'vitest';
import { deliveryJobId } from '../../../src/alerts/route.js';
import { buildSummary, summaryId, summaryPlaceholder } from '../../../src/alerts/summary.js';
import { renderAlert } from '../../../src/alerts/email/index.js';
import { splitBurst, summaryJobs } from '../../../src/pipeline/burst.js';
import type { PlannedDelivery } from '../../../src/pipeline/plan.js';
import { sampleAlert } from '../alerts/fixtures.js';

const delivery = (channel: string, id: string): PlannedDelivery => ({
  queue: channel === 'siem' ? 'deliver-webhook' : 'deliver-log',
  name: channel,
  data: { channel, alert: sampleAlert({ id }) },
  opts: { jobId: deliveryJobId(id, channel) },
});

const poll = { feed: 'wire', polledAt: 1_700_000_000_000 };

describe('splitBurst (which deliveries go out alone)', () => {
  const ds = [delivery('console', 'a1'), delivery('siem', 'a1'), delivery('console', 'a2')];

  it('sends alone what is within the burst on its channel, holds the rest', () => {
    const split = splitBurst(ds, [2, 1, 3], 2);
    expect(split.individual.map((d) => d.opts.jobId)).toEqual(['a1.console', 'a1.siem']);
    expect(split.held.map((d) => d.opts.jobId)).toEqual(['a2.console']);
  });

  it('the same ordinals split the same way (a retried match job changes nothing)', () => {
    expect(splitBurst(ds, [2, 1, 3], 2)).toEqual(splitBurst(ds, [2, 1, 3], 2));
  });

  it('burst 0 turns flood control off', () => {
    expect(splitBurst(ds, [50, 60, 70], 0)).toEqual({ individual: ds, held: [] });
  });

  it('holds everything past the burst and nothing within it', () => {
    const many = Array.from({ length: 30 }, (_, i) => delivery('console', `a${i}`));
    const split = splitBurst(
      many,
      many.map((_, i) => i + 1),
      20,
    );
    expect([split.individual.length, split.held.length]).toEqual([20, 10]);
  });
});

describe('summaryJobs (one job per channel and round)', () => {
  it('one job per channel and round, its id from the summary, delayed', () => {
    const held = [delivery('console', 'a1'), delivery('console', 'a2'), delivery('siem', 'a1')];
    const jobs = summaryJobs(poll, held, [1, 1, 1], new Date(0));
    expect(jobs.map((j) => [j.queue, j.data.channel, j.data.summary])).toEqual([
      ['deliver-log', 'console', { ...poll, round: 1 }],
      ['deliver-webhook', 'siem', { ...poll, round: 1 }],
    ]);
    const id = summaryId({ ...poll, channel: 'console', round: 1 });
    expect(jobs[0].opts.jobId).toBe(deliveryJobId(id, 'console'));
    expect(jobs[0].opts.delay).toBeGreaterThan(0);
    // Every match job of the poll names the same job; another round names another.
    expect(summaryJobs(poll, held.slice(0, 1), [1], new Date(5))[0].opts.jobId).toBe(
      jobs[0].opts.jobId,
    );
    expect(summaryJobs(poll, held.slice(0, 1), [2], new Date(0))[0].opts.jobId).not.toBe(
      jobs[0].opts.jobId,
    );
  });
});

describe('buildSummary (the one message)', () => {
  const placeholder = summaryPlaceholder({ ...poll, channel: 'console', round: 1 }, new Date(0));
  const alerts = Array.from({ length: 25 }, (_, i) =>
    sampleAlert({
      id: `a_${String(i).padStart(24, '0')}`,
      score: i === 7 ? 0.99 : 0.5,
      categories: i === 3 ? ['un_violation'] : ['arms_transfer'],
      item: { key: `k${i}`, title: `Story ${i}`, link: `https://n.test/${i}`, feed: 'wire' },
    }),
  );

  it('counts, lists the first 20 (highest score first), says how many more', () => {
    const s = buildSummary(placeholder, alerts);
    expect(s.id).toBe(placeholder.id);
    expect(s.item.title).toBe('25 alerts from wire in one poll');
    expect(s.categories).toEqual(['arms_transfer', 'un_violation']);
    expect(s.score).toBe(0.99);
    expect(s.summary?.count).toBe(25);
    expect(new Set(s.summary?.alertIds)).toEqual(new Set(alerts.map((a) => a.id)));
    const lines = s.reasons?.summary ?? [];
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('Story 7 — https://n.test/7');
    expect(lines[20]).toBe('and 5 more');
  });

  it('e-mail lists the alerts in the summary', () => {
    const text = renderAlert(buildSummary(placeholder, alerts.slice(0, 2))).text;
    expect(text).toContain('Alerts in this summary:');
    expect(text).toContain('Story 1 — https://n.test/1');
  });
});

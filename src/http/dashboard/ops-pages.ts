import type { Bucket } from '../../store/stats.js';
import { redactText, redactUrl } from '../../logger.js';
import { JOB_STATES } from '../../queues/registry.js';
import { itemsPerHourChart } from './chart.js';
import type { FeedHealth, QueueHealth } from './data.js';
import { escapeHtml, formatTime, layout, timeCell } from './layout.js';

function health(f: FeedHealth, now: number): { label: string; cls: string } {
  const s = f.state;
  if (s.gone) return { label: 'gone', cls: 'badge-bad' };
  if (s.consecutiveFailures > 0) return { label: 'failing', cls: 'badge-bad' };
  if (s.backoffUntil !== undefined && s.backoffUntil > now)
    return { label: 'backing off', cls: 'badge-warn' };
  if (s.lastAttempt === undefined) return { label: 'not polled yet', cls: 'muted' };
  return { label: 'ok', cls: 'badge-ok' };
}

function feedRow(f: FeedHealth, now: number): string {
  const s = f.state;
  const h = health(f, now);
  const share = f.notModifiedShare === undefined ? '—' : `${Math.round(f.notModifiedShare * 100)}%`;
  const error = s.lastError
    ? `${s.lastErrorCode ? `<code>${escapeHtml(s.lastErrorCode)}</code> ` : ''}${escapeHtml(redactText(s.lastError))}`
    : '';
  const backoff =
    s.backoffUntil !== undefined && s.backoffUntil > now ? timeCell(s.backoffUntil, now) : '—';
  return `<tr data-feed="${escapeHtml(f.name)}">
<td><strong>${escapeHtml(f.name)}</strong><br><span class="muted">${escapeHtml(redactUrl(s.permanentUrl ?? f.url))}</span></td>
<td class="${h.cls}">${escapeHtml(h.label)}</td>
<td>${timeCell(s.lastAttempt, now)}</td>
<td>${timeCell(s.lastSuccess, now)}</td>
<td>${escapeHtml(s.lastStatus ?? '—')}</td>
<td class="num">${s.items ?? '—'}</td>
<td class="num">${share} <span class="muted">of ${f.polls}</span></td>
<td class="num">${s.consecutiveFailures}</td>
<td>${error}</td>
<td>${timeCell(s.nextPollAt, now)}</td>
<td>${backoff}</td>
</tr>`;
}

/** `/feeds`: per configured feed, what its state in Redis says. */
export function feedsPage(feeds: FeedHealth[], now: number): string {
  const rows = feeds.map((f) => feedRow(f, now)).join('\n');
  const table = feeds.length
    ? `<table id="feeds"><thead><tr><th>Feed</th><th>Health</th><th>Last poll</th><th>Last success</th><th>HTTP</th><th class="num">Items</th><th class="num">304 share</th><th class="num">Failures in a row</th><th>Last error</th><th>Next poll</th><th>Backoff until</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="muted">No feeds configured.</p>';
  return layout({
    title: 'Feed health',
    section: 'feeds',
    refreshSeconds: 30,
    body: `<h1>Feed health</h1>${table}
<p class="muted">Items: entries in the last document parsed. 304 share: polls answered “Not Modified”, of the polls counted since the dashboard's stats began.</p>`,
  });
}

/** `/queues`: job counts per queue and state, and recent throughput. */
export function queuesPage(queues: QueueHealth[], itemsPerHour: Bucket[], now: number): string {
  const rows = queues
    .map(
      (q) =>
        `<tr data-queue="${escapeHtml(q.name)}"><td>${escapeHtml(q.name)}</td>${JOB_STATES.map(
          (s) =>
            `<td class="num${s === 'failed' && (q.counts[s] ?? 0) > 0 ? ' badge-bad' : ''}">${q.counts[s] ?? 0}</td>`,
        ).join(
          '',
        )}<td class="num">${q.lastMinute}</td><td class="num">${q.lastHour}</td><td class="num">${q.failedLastHour}</td></tr>`,
    )
    .join('\n');
  const chart = itemsPerHourChart(itemsPerHour);
  return layout({
    title: 'Queues',
    section: 'queues',
    refreshSeconds: 15,
    body: `<h1>Queues</h1>
<table id="queues"><thead><tr><th>Queue</th>${JOB_STATES.map((s) => `<th class="num">${s}</th>`).join('')}<th class="num">done / min</th><th class="num">done / hour</th><th class="num">failed / hour</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Completed and failed counts are of the jobs still retained (see the queues' retention); “done / min” counts jobs finished in the last minute. As of ${escapeHtml(formatTime(now))}.</p>
<h2>Items per hour</h2>
<figure class="chart">${chart}</figure>
<p><a href="/admin/queues">Bull Board</a> lists the jobs themselves.</p>`,
  });
}

import type { RecentAlert } from '../../store/ledger.js';
import { feedTextAttrs, highlight, oneLine, safeHref } from '../../alerts/render.js';
import type { Bucket } from '../../store/stats.js';
import { alertsPerDayChart, itemsPerHourChart } from './chart.js';
import { watchlistsOf, type AlertFilters, type AlertList } from './data.js';
import { alertPath, escapeHtml, layout, timeCell } from './layout.js';

/** Terms to mark in evidence: the texts that matched. */
function terms(entry: RecentAlert): string[] {
  return entry.alert.matches.map((m) => m.text);
}

/** Names of the watchlist entries and UN references matched (not vocabulary terms). */
function names(entry: RecentAlert): string[] {
  return [
    ...new Set(entry.alert.matches.filter((m) => m.kind !== 'term').map((m) => oneLine(m.name))),
  ];
}

function titleOf(entry: RecentAlert): string {
  return oneLine(entry.alert.item.title) || '(untitled)';
}

function filterHref(filters: AlertFilters): string {
  const q = new URLSearchParams();
  if (filters.category) q.set('category', filters.category);
  if (filters.watchlist) q.set('watchlist', filters.watchlist);
  const s = q.toString();
  return s ? `/?${s}` : '/';
}

function chips(values: readonly string[], key: 'category' | 'watchlist'): string {
  return values
    .map(
      (v) => `<a class="chip" href="${escapeHtml(filterHref({ [key]: v }))}">${escapeHtml(v)}</a>`,
    )
    .join('');
}

function select(name: string, label: string, options: readonly string[], chosen?: string): string {
  const opts = [
    `<option value="">all</option>`,
    ...options.map(
      (o) =>
        `<option value="${escapeHtml(o)}"${o === chosen ? ' selected' : ''}>${escapeHtml(o)}</option>`,
    ),
  ];
  return `<label>${label}<select name="${name}">${opts.join('')}</select></label>`;
}

function evidenceList(entry: RecentAlert, max: number): string {
  const shown = entry.alert.evidence.slice(0, max);
  if (shown.length === 0) return '';
  const quoted = feedTextAttrs(entry.alert.item.language);
  const items = shown
    .map((e) => `<li${quoted}>${highlight(oneLine(e), terms(entry))}</li>`)
    .join('');
  const more =
    entry.alert.evidence.length > max
      ? `<li class="muted">${entry.alert.evidence.length - max} more on the alert page</li>`
      : '';
  return `<ul class="evidence">${items}${more}</ul>`;
}

function alertCard(entry: RecentAlert, now: number): string {
  const { alert } = entry;
  const matched = names(entry);
  return `<article class="alert" data-alert-id="${escapeHtml(alert.id)}">
<h3${feedTextAttrs(alert.item.language)}><a href="${escapeHtml(alertPath(alert.id))}">${escapeHtml(titleOf(entry))}</a></h3>
<div>${chips(alert.categories, 'category')} <span class="muted">score ${alert.score.toFixed(2)} · ${escapeHtml(oneLine(alert.item.feed))} · ${timeCell(Date.parse(alert.createdAt), now)}</span></div>
${matched.length ? `<div class="muted">Matched: ${matched.map((n) => `<mark>${escapeHtml(n)}</mark>`).join(', ')} · watchlists ${chips(watchlistsOf(entry), 'watchlist')}</div>` : ''}
${evidenceList(entry, 3)}
</article>`;
}

function charts(itemsPerHour: Bucket[], alertsPerDay: Bucket[]): string {
  const day = alertsPerDayChart(alertsPerDay);
  const hour = itemsPerHourChart(itemsPerHour);
  return `<div class="charts">
<figure class="chart" id="chart-alerts"><figcaption>Alerts per day (30 days)</figcaption>${day}</figure>
<figure class="chart" id="chart-items"><figcaption>New items per hour (48 h, UTC)</figcaption>${hour}</figure>
</div>`;
}

/** `/`: charts, filters, and the recent alerts with their evidence highlighted. */
export function alertsPage(
  list: AlertList,
  filters: AlertFilters,
  chartData: { itemsPerHour: Bucket[]; alertsPerDay: Bucket[] },
  now: number,
): string {
  const filtered = Boolean(filters.category || filters.watchlist);
  const form = `<form class="filters" method="get" action="/">
${select('category', 'Category', list.categories, filters.category)}
${select('watchlist', 'Watchlist', list.watchlists, filters.watchlist)}
<button type="submit">Filter</button>${filtered ? ' <a href="/">clear</a>' : ''}
</form>`;
  const count =
    list.total > list.alerts.length
      ? `${list.alerts.length} of ${list.total} alerts`
      : `${list.total} alert${list.total === 1 ? '' : 's'}`;
  const cards =
    list.alerts.length > 0
      ? list.alerts.map((a) => alertCard(a, now)).join('\n')
      : `<p class="muted">${filtered ? 'No alert matches these filters.' : 'No alerts yet.'}</p>`;
  return layout({
    title: 'Recent alerts',
    section: 'alerts',
    body: `${charts(chartData.itemsPerHour, chartData.alertsPerDay)}
<h1>Recent alerts</h1>
${form}
<p class="muted" id="alert-count">${count}</p>
<section id="alerts">${cards}</section>`,
  });
}

/** `/alerts/<id>`: one alert with all its evidence, matches, reasons and deliveries. */
export function alertPage(entry: RecentAlert, now: number): string {
  const { alert } = entry;
  const href = safeHref(alert.item.link);
  const title = escapeHtml(titleOf(entry));
  const heading = href
    ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${title}</a>`
    : title;
  const meta = [
    ['Categories', chips(alert.categories, 'category')],
    ['Score', alert.score.toFixed(2)],
    ['Feed', escapeHtml(oneLine(alert.item.feed))],
    ['Published', alert.item.published ? escapeHtml(oneLine(alert.item.published)) : '—'],
    ['Alerted', timeCell(Date.parse(alert.createdAt), now)],
    [
      'Link',
      href
        ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${escapeHtml(href)}</a>`
        : '—',
    ],
    ['Alert id', `<code>${escapeHtml(alert.id)}</code>`],
  ]
    .map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`)
    .join('');
  const evidence =
    alert.evidence.length > 0
      ? evidenceList(entry, alert.evidence.length)
      : '<p class="muted">No evidence sentences.</p>';
  const seen = new Set<string>();
  const matchRows = [...alert.matches]
    .sort((a, b) => Number(a.kind === 'term') - Number(b.kind === 'term'))
    .filter((m) => {
      const key = `${m.kind}|${m.list}|${m.name}|${m.text.toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(
      (m) =>
        `<tr><td>${escapeHtml(oneLine(m.name))}</td><td>${escapeHtml(m.ref ?? '')}</td><td>${escapeHtml(m.list)}</td><td>${escapeHtml(m.kind)}</td><td><mark>${escapeHtml(oneLine(m.text))}</mark></td></tr>`,
    )
    .join('');
  const reasons = Object.entries(alert.reasons ?? {})
    .map(
      ([cat, why]) =>
        `<li><strong>${escapeHtml(cat)}</strong>: ${why.map((w) => escapeHtml(oneLine(w))).join('; ')}</li>`,
    )
    .join('');
  const deliveries = Object.entries(entry.deliveries)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([channel, d]) =>
        `<tr><td>${escapeHtml(channel)}</td><td class="${d.state === 'delivered' ? 'badge-ok' : 'badge-bad'}">${escapeHtml(d.state)}</td><td>${timeCell(Date.parse(d.at), now)}</td><td>${escapeHtml(d.error ?? '')}</td></tr>`,
    )
    .join('');
  return layout({
    title: titleOf(entry),
    section: 'alerts',
    body: `<p><a href="/">← Recent alerts</a></p>
<h1 id="alert-title"${feedTextAttrs(alert.item.language)}>${heading}</h1>
<dl class="meta">${meta}</dl>
<h2>Evidence</h2>
<section id="evidence">${evidence}</section>
<h2>Matched names and terms</h2>
${matchRows ? `<table><thead><tr><th>Name</th><th>Ref</th><th>Watchlist</th><th>Kind</th><th>Text in the item</th></tr></thead><tbody>${matchRows}</tbody></table>` : '<p class="muted">None.</p>'}
${reasons ? `<h2>Why</h2><ul>${reasons}</ul>` : ''}
<h2>Deliveries</h2>
${deliveries ? `<table><thead><tr><th>Channel</th><th>State</th><th>At</th><th>Error</th></tr></thead><tbody>${deliveries}</tbody></table>` : '<p class="muted">No delivery recorded yet.</p>'}`,
  });
}

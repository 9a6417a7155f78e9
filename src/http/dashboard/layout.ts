import { escapeHtml } from '../../alerts/render.js';

export { escapeHtml };

/** Path of the stylesheet route. */
export const CSS_PATH = '/dashboard.css';

const NAV = [
  ['alerts', '/', 'Alerts'],
  ['feeds', '/feeds', 'Feeds'],
  ['queues', '/queues', 'Queues'],
  ['admin', '/admin/queues', 'Bull Board'],
] as const;

export type Section = (typeof NAV)[number][0] | 'none';

export interface LayoutOptions {
  title: string;
  section: Section;
  /** Already-escaped HTML of the page body. */
  body: string;
  /** Reloads the page every this many seconds (pages of live numbers). */
  refreshSeconds?: number;
}

/** The page shell: one stylesheet, no script. */
export function layout(options: LayoutOptions): string {
  const nav = NAV.map(
    ([id, href, label]) =>
      `<a href="${href}"${id === options.section ? ' class="active" aria-current="page"' : ''}>${label}</a>`,
  ).join('');
  const refresh = options.refreshSeconds
    ? `<meta http-equiv="refresh" content="${Math.floor(options.refreshSeconds)}">`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">${refresh}
<title>${escapeHtml(options.title)} · sanctionwatch</title>
<link rel="stylesheet" href="${CSS_PATH}">
</head><body>
<header><strong>sanctionwatch</strong><nav>${nav}</nav></header>
<main>
${options.body}
</main>
</body></html>
`;
}

/** The alert page's URL path; the id is URL-encoded (and the result still needs escaping in HTML). */
export function alertPath(id: string): string {
  return `/alerts/${encodeURIComponent(id)}`;
}

/** `2026-11-27 22:01:17 UTC`, or an em dash when unknown. */
export function formatTime(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `3m ago` / `in 2h` relative to now. */
export function relative(ms: number | undefined, now: number): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const d = ms - now;
  const abs = Math.abs(d);
  const text =
    abs < 60_000
      ? `${Math.round(abs / 1000)}s`
      : abs < 3_600_000
        ? `${Math.round(abs / 60_000)}m`
        : abs < 86_400_000
          ? `${Math.round(abs / 3_600_000)}h`
          : `${Math.round(abs / 86_400_000)}d`;
  return d < 0 ? `${text} ago` : `in ${text}`;
}

/** `22:18:26` on the same UTC day as now, else `2026-11-26 22:18`. */
export function shortTime(ms: number, now: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10)
    ? iso.slice(11, 19)
    : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** A time: short form with the relative one beside it; the full UTC time as its tooltip. */
export function timeCell(ms: number | undefined, now: number): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return `<time class="t" datetime="${new Date(ms).toISOString()}" title="${escapeHtml(formatTime(ms))}">${escapeHtml(shortTime(ms, now))}</time> <span class="muted t">${escapeHtml(relative(ms, now))}</span>`;
}

/** A small page for 404s and read errors. */
export function messagePage(title: string, message: string): string {
  return layout({
    title,
    section: 'none',
    body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to recent alerts</a></p>`,
  });
}

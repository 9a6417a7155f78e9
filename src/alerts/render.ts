import type { Alert } from './types.js';

/** A rendered alert (or digest), ready for an e-mail. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** Longest subject produced, in characters. */
export const MAX_SUBJECT_LENGTH = 200;

// C0, DEL, C1, line/paragraph separators and bidi controls: none may reach a header or a
// one-line field, or they could break the header or disguise its text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of text: control characters become spaces, runs of spaces collapse, trimmed. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair.
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The link as an absolute http(s) URL, or undefined (no `javascript:`, `data:`, …). */
export function safeHref(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `[sanctionwatch] <categories>: <title>`, one line, capped. */
export function renderSubject(alert: Pick<Alert, 'categories' | 'item'>): string {
  const cats = oneLine(alert.categories.join(', '));
  const title = oneLine(alert.item.title) || '(untitled)';
  return cap(oneLine(`[sanctionwatch] ${cats}: ${title}`), MAX_SUBJECT_LENGTH);
}

/**
 * Evidence sentence as HTML with the matched texts wrapped in `<mark>`; every piece of feed text
 * is escaped. Longer terms win where terms overlap.
 */
export function highlight(sentence: string, terms: readonly string[]): string {
  const wanted = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const lower = sentence.toLowerCase();
  const taken: Array<[number, number]> = [];
  for (const term of wanted) {
    const needle = term.toLowerCase();
    let from = 0;
    for (;;) {
      const at = lower.indexOf(needle, from);
      if (at < 0) break;
      const end = at + needle.length;
      if (!taken.some(([s, e]) => at < e && end > s)) taken.push([at, end]);
      from = at + 1;
    }
  }
  taken.sort((a, b) => a[0] - b[0]);
  let html = '';
  let pos = 0;
  for (const [s, e] of taken) {
    html += `${escapeHtml(sentence.slice(pos, s))}<mark>${escapeHtml(sentence.slice(s, e))}</mark>`;
    pos = e;
  }
  return html + escapeHtml(sentence.slice(pos));
}

function matchLines(alert: Alert): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const m of alert.matches) {
    const line = `${m.name}${m.ref ? ` [${m.ref}]` : ''} (${m.list}): "${m.text}"`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(oneLine(line));
    }
  }
  return lines;
}

/** A flood-control summary's list of its alerts (titles and links), else nothing. */
function summaryLines(alert: Alert): string[] {
  return alert.summary ? (alert.reasons?.summary ?? []).map(oneLine) : [];
}

/** Plain-text body of one alert. */
export function renderText(alert: Alert): string {
  const lines = [
    oneLine(alert.item.title),
    '',
    `Categories: ${alert.categories.join(', ')}`,
    `Score: ${alert.score.toFixed(2)}`,
    `Feed: ${oneLine(alert.item.feed)}`,
  ];
  if (alert.item.published) lines.push(`Published: ${oneLine(alert.item.published)}`);
  const href = safeHref(alert.item.link);
  if (href) lines.push(`Link: ${href}`);
  if (alert.evidence.length > 0) {
    lines.push('', 'Evidence:');
    for (const e of alert.evidence) lines.push(`  - ${oneLine(e)}`);
  }
  const listed = summaryLines(alert);
  if (listed.length > 0) {
    lines.push('', 'Alerts in this summary:');
    for (const l of listed) lines.push(`  - ${l}`);
  }
  const ml = matchLines(alert);
  if (ml.length > 0) {
    lines.push('', 'Matched:');
    for (const l of ml) lines.push(`  - ${l}`);
  }
  lines.push('', `Alert id: ${alert.id}`);
  return `${lines.join('\n')}\n`;
}

function alertSection(alert: Alert): string {
  const href = safeHref(alert.item.link);
  const title = escapeHtml(oneLine(alert.item.title) || '(untitled)');
  const heading = href ? `<a href="${escapeHtml(href)}">${title}</a>` : title;
  const terms = alert.matches.map((m) => m.text);
  const meta = [
    `<strong>Categories:</strong> ${escapeHtml(alert.categories.join(', '))}`,
    `<strong>Score:</strong> ${alert.score.toFixed(2)}`,
    `<strong>Feed:</strong> ${escapeHtml(oneLine(alert.item.feed))}`,
    ...(alert.item.published
      ? [`<strong>Published:</strong> ${escapeHtml(oneLine(alert.item.published))}`]
      : []),
  ];
  const parts = [`<h2>${heading}</h2>`, `<p>${meta.join('<br>\n')}</p>`];
  if (alert.evidence.length > 0) {
    parts.push('<h3>Evidence</h3>', '<ul>');
    for (const e of alert.evidence) parts.push(`<li>${highlight(oneLine(e), terms)}</li>`);
    parts.push('</ul>');
  }
  const listed = summaryLines(alert);
  if (listed.length > 0) {
    parts.push('<h3>Alerts in this summary</h3>', '<ul>');
    for (const l of listed) parts.push(`<li>${escapeHtml(l)}</li>`);
    parts.push('</ul>');
  }
  const ml = matchLines(alert);
  if (ml.length > 0) {
    parts.push('<h3>Matched</h3>', '<ul>');
    for (const l of ml) parts.push(`<li>${escapeHtml(l)}</li>`);
    parts.push('</ul>');
  }
  if (href) parts.push(`<p><a href="${escapeHtml(href)}">Read the report</a></p>`);
  parts.push(`<p style="color:#888">Alert id: ${escapeHtml(alert.id)}</p>`);
  return parts.join('\n');
}

function page(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;
}

/** Subject, text and HTML of one alert's e-mail. */
export function renderAlert(alert: Alert): RenderedMessage {
  const subject = renderSubject(alert);
  return { subject, text: renderText(alert), html: page(subject, alertSection(alert)) };
}

/** One e-mail gathering several alerts (a digest window). */
export function renderDigest(alerts: readonly Alert[]): RenderedMessage {
  const cats = [...new Set(alerts.flatMap((a) => a.categories))].sort();
  const subject = cap(
    oneLine(
      `[sanctionwatch] ${cats.join(', ')}: ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`,
    ),
    MAX_SUBJECT_LENGTH,
  );
  const text = alerts
    .map((a) => renderText(a))
    .join('\n----------------------------------------\n\n');
  const html = page(subject, alerts.map((a) => alertSection(a)).join('\n<hr>\n'));
  return { subject, text, html };
}

import { escapeHtml, feedTextAttrs, highlight } from '../render.js';
import type { EmailView } from './view.js';

// Mail clients drop <style> blocks and external sheets unevenly (Outlook renders with Word), so
// every element carries its own style and the layout is nested tables of fixed width.
const FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";
const S = {
  body: `margin:0;padding:0;background:#eef0f3;${FONT}`,
  outer: 'background:#eef0f3;width:100%',
  card: `width:100%;max-width:640px;background:#ffffff;border:1px solid #d5d9e0;border-collapse:separate;${FONT};color:#1f2933`,
  band: `background:#1f3a5f;color:#ffffff;padding:10px 20px;font-size:12px;letter-spacing:1px;text-transform:uppercase;${FONT}`,
  cell: `padding:14px 20px 0 20px;font-size:14px;line-height:1.5;${FONT}`,
  h1: 'margin:0;font-size:20px;line-height:1.3;font-weight:bold;color:#1f2933',
  titleLink: 'color:#1a4f8b;text-decoration:underline',
  badge:
    'display:inline-block;margin:0 6px 4px 0;padding:2px 8px;border-radius:3px;background:#fbe3e3;color:#8a1c1c;font-size:12px;font-weight:bold',
  score:
    'display:inline-block;margin:0 6px 4px 0;padding:2px 8px;border-radius:3px;background:#e6ebf2;color:#1f3a5f;font-size:12px',
  meta: 'color:#5b6673;font-size:13px',
  h2: 'margin:0 0 6px 0;font-size:13px;text-transform:uppercase;letter-spacing:0.5px;color:#5b6673',
  list: 'margin:0;padding:0 0 0 18px',
  quote:
    'margin:0 0 8px 0;padding:8px 12px;border-left:4px solid #e0a800;background:#fffbea;font-size:14px;line-height:1.5',
  mark: 'background:#ffe066;color:#1f2933;padding:0 2px;font-weight:bold',
  ref: 'color:#5b6673;font-size:12px;font-family:Consolas,Menlo,monospace',
  button:
    'display:inline-block;margin:0 8px 8px 0;padding:8px 14px;border-radius:4px;background:#1a4f8b;color:#ffffff;text-decoration:none;font-size:14px;font-weight:bold',
  buttonAlt:
    'display:inline-block;margin:0 8px 8px 0;padding:7px 13px;border-radius:4px;border:1px solid #1a4f8b;color:#1a4f8b;text-decoration:none;font-size:14px',
  foot: `padding:12px 20px 16px 20px;color:#8a94a1;font-size:12px;${FONT}`,
} as const;

/** The `<mark>` start tag of highlighted evidence. */
export const MARK = `<mark style="${S.mark}">`;

const row = (html: string, style: string = S.cell) => `<tr><td style="${style}">${html}</td></tr>`;

// Class names only let a test (or a reader's filter) find the parts; clients ignore them.
const link = (href: string, text: string, style: string, cls?: string) =>
  `<a href="${escapeHtml(href)}" style="${style}"${cls ? ` class="${cls}"` : ''}>${text}</a>`;

function section(title: string, inner: string): string {
  return row(`<h2 style="${S.h2}">${escapeHtml(title)}</h2>${inner}`);
}

function bullets(items: readonly string[]): string {
  return `<ul style="${S.list}">${items.map((i) => `<li style="margin:0 0 4px 0">${i}</li>`).join('')}</ul>`;
}

function entityItem(e: EmailView['entities'][number]): string {
  const ref = e.ref ? ` <span style="${S.ref}">${escapeHtml(e.ref)}</span>` : '';
  const seen =
    e.seenAs.length > 0
      ? ` <span style="${S.meta}">(as ${e.seenAs.map((s) => `“${escapeHtml(s)}”`).join(', ')})</span>`
      : '';
  return `<strong>${escapeHtml(e.name)}</strong>${ref}${seen} <span style="${S.meta}">· watchlist ${escapeHtml(e.list)}</span>`;
}

/** The rows of one alert: title, labels, why, evidence, who, links. Every feed string escaped. */
export function alertRows(v: EmailView): string {
  const title = escapeHtml(v.title);
  const heading = v.link ? link(v.link, title, S.titleLink, 'sw-title-link') : title;
  const quoted = feedTextAttrs(v.language);
  const labels = [
    ...v.categories.map((c) => `<span style="${S.badge}">${escapeHtml(c)}</span>`),
    `<span style="${S.score}">score ${escapeHtml(v.score)}</span>`,
  ].join(' ');
  const meta = [
    `Feed: <strong>${escapeHtml(v.feed)}</strong>`,
    ...(v.published ? [`Published: ${escapeHtml(v.published)}`] : []),
  ].join(' &nbsp;·&nbsp; ');
  const rows = [
    row(`<h1 style="${S.h1}" class="sw-title"${quoted}>${heading}</h1>`),
    row(`<div>${labels}</div><div style="${S.meta}">${meta}</div>`),
  ];
  if (v.reasons.length > 0) {
    const items = v.reasons.map(
      (g) => `<strong>${escapeHtml(g.category)}</strong>: ${g.reasons.map(escapeHtml).join('; ')}`,
    );
    rows.push(section('Why it was flagged', bullets(items)));
  }
  if (v.evidence.length > 0) {
    const quotes = v.evidence.map(
      (e) =>
        `<div style="${S.quote}" class="sw-evidence"${quoted}>${highlight(e, v.terms, MARK)}</div>`,
    );
    rows.push(section('Evidence', quotes.join('')));
  }
  if (v.entities.length > 0)
    rows.push(section('Named in the report', bullets(v.entities.map(entityItem))));
  if (v.references.length > 0) {
    rows.push(section('UN measures cited', bullets(v.references.map(escapeHtml))));
  }
  if (v.summary.length > 0) {
    rows.push(section('Alerts in this summary', bullets(v.summary.map(escapeHtml))));
  }
  const buttons = [
    ...(v.alertUrl ? [link(v.alertUrl, 'Open the alert', S.button, 'sw-alert-link')] : []),
    ...(v.link ? [link(v.link, 'Read the article', S.buttonAlt, 'sw-article-link')] : []),
  ];
  if (buttons.length > 0) rows.push(row(buttons.join(' ')));
  rows.push(row(`Alert id: ${escapeHtml(v.id)}`, S.foot));
  return rows.join('\n');
}

/** A whole HTML document: a centred card under a band naming what it is. */
export function htmlPage(title: string, band: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="${S.body}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${S.outer}"><tr><td align="center" style="padding:20px 10px">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="${S.card}">
${row(escapeHtml(band), S.band)}
${body}
</table>
</td></tr></table>
</body></html>
`;
}

/** The HTML of one alert's e-mail. */
export function alertHtml(subject: string, v: EmailView): string {
  return htmlPage(subject, 'sanctionwatch alert', alertRows(v));
}

/** The HTML of a digest: a list of its titles, then each alert in full. */
export function digestHtml(subject: string, views: readonly EmailView[]): string {
  const n = views.length;
  const index = views.map((v) => {
    const title = `<span${feedTextAttrs(v.language)}>${escapeHtml(v.title)}</span>`;
    const cats = escapeHtml(v.categories.join(', '));
    return `${v.link ? link(v.link, title, S.titleLink) : title} <span style="${S.meta}">${cats} · ${escapeHtml(v.score)}</span>`;
  });
  const divider = row('<hr style="border:0;border-top:2px solid #d5d9e0;margin:16px 0 0 0">');
  const body = [
    section(`${n} alert${n === 1 ? '' : 's'} in this digest`, bullets(index)),
    ...views.map((v) => `${divider}\n${alertRows(v)}`),
  ].join('\n');
  return htmlPage(subject, `sanctionwatch digest · ${n} alert${n === 1 ? '' : 's'}`, body);
}

import type { Alert } from './types.js';

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

/** The text within `max` characters, cut with an ellipsis. */
export function cap(text: string, max: number): string {
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

/**
 * Attributes for an element holding text from a feed: `dir="auto"` so Arabic (or any right-to-left)
 * text reads right to left inside a left-to-right page, and `lang` when the item's language is a
 * well-formed tag (screen readers, fonts and hyphenation follow it).
 */
export function feedTextAttrs(language: string | undefined): string {
  const lang = language && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/iu.test(language) ? language : undefined;
  return `${lang ? ` lang="${lang}"` : ''} dir="auto"`;
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
 * Where `terms` occur in `sentence`, case-insensitively, as sorted `[start, end)` spans that do not
 * overlap. Longer terms win where terms overlap.
 */
export function matchSpans(sentence: string, terms: readonly string[]): Array<[number, number]> {
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
  return taken.sort((a, b) => a[0] - b[0]);
}

/**
 * Evidence sentence as HTML with the matched texts wrapped in `<mark>` (or the `mark` start tag
 * given, e.g. one with an inline style); every piece of feed text is escaped.
 */
export function highlight(sentence: string, terms: readonly string[], mark = '<mark>'): string {
  let html = '';
  let pos = 0;
  for (const [s, e] of matchSpans(sentence, terms)) {
    html += `${escapeHtml(sentence.slice(pos, s))}${mark}${escapeHtml(sentence.slice(s, e))}</mark>`;
    pos = e;
  }
  return html + escapeHtml(sentence.slice(pos));
}

/** `[sanctionwatch] Digest: <n> alerts (<categories>)`, one line, capped. */
export function renderDigestSubject(alerts: ReadonlyArray<Pick<Alert, 'categories'>>): string {
  const n = alerts.length;
  const cats = [...new Set(alerts.flatMap((a) => a.categories))].sort().join(', ');
  const head = `[sanctionwatch] Digest: ${n} alert${n === 1 ? '' : 's'}`;
  return cap(oneLine(cats ? `${head} (${cats})` : head), MAX_SUBJECT_LENGTH);
}

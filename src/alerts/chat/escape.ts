/**
 * How each chat service reads text, and how feed text is made inert for it. Every string from a
 * feed passes through one of these before it reaches a payload's formatted field.
 */
import { matchSpans } from '../render.js';
export type Markup = 'html' | 'telegram' | 'slack' | 'markdown' | 'plain';

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML element content and quoted attributes (Matrix `formatted_body`). */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** Telegram's HTML mode knows only `&lt; &gt; &amp; &quot;` among named entities. */
export function escapeTelegram(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Slack mrkdwn: `&`, `<` and `>` are the control characters (links, mentions such as
 * `<!channel>`); Slack documents no escape for `*` or `_`.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// CommonMark's ASCII punctuation that may start or end markup in Discord, Mattermost and Teams.
const MARKDOWN_SPECIAL = /[\\`*_~|[\]()#><]/g;

/**
 * Markdown (Discord, Mattermost, Adaptive Cards): a backslash before every character that can
 * form markup, and a zero-width space after `@` so `@everyone`/`@channel` never notify anyone.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`).replace(/@/g, '@\u200b');
}

/** Plain text (ntfy): nothing is interpreted, nothing to escape. */
export function escapePlain(text: string): string {
  return text;
}

/** The escaper of a markup. */
export function escaperFor(markup: Markup): (text: string) => string {
  switch (markup) {
    case 'html':
      return escapeHtmlText;
    case 'telegram':
      return escapeTelegram;
    case 'slack':
      return escapeSlack;
    case 'markdown':
      return escapeMarkdown;
    case 'plain':
      return escapePlain;
  }
}

const EMPHASIS: Record<Markup, [string, string]> = {
  html: ['<strong>', '</strong>'],
  telegram: ['<b>', '</b>'],
  slack: ['*', '*'],
  markdown: ['**', '**'],
  plain: ['«', '»'],
};

/** Pieces of a sentence, each a matched term or not; longer terms win where terms overlap. */
export function splitMatches(
  sentence: string,
  terms: readonly string[],
): Array<{ text: string; hit: boolean }> {
  const out: Array<{ text: string; hit: boolean }> = [];
  let pos = 0;
  for (const [s, e] of matchSpans(sentence, terms)) {
    if (s > pos) out.push({ text: sentence.slice(pos, s), hit: false });
    out.push({ text: sentence.slice(s, e), hit: true });
    pos = e;
  }
  if (pos < sentence.length) out.push({ text: sentence.slice(pos), hit: false });
  return out;
}

/** The sentence escaped for `markup`, matched terms emphasised the way that markup does it. */
export function highlightFor(markup: Markup, sentence: string, terms: readonly string[]): string {
  const esc = escaperFor(markup);
  const [open, close] = EMPHASIS[markup];
  return splitMatches(sentence, terms)
    .map((p) => (p.hit ? `${open}${esc(p.text)}${close}` : esc(p.text)))
    .join('');
}

/** At most `max` UTF-16 units, with `…` when cut; never splits a surrogate pair. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * Cuts already-escaped text to `max` without leaving half an entity (`&am`) or, for the HTML
 * markups, half a tag: tags are dropped first, as an unclosed tag makes Telegram refuse the
 * message.
 */
export function capMarkup(text: string, max: number, markup: Markup): string {
  if (text.length <= max) return text;
  const flat = markup === 'html' || markup === 'telegram' ? text.replace(/<[^>]*>/g, '') : text;
  if (flat.length <= max) return flat;
  let cut = capText(flat, max).slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  // A trailing backslash would escape the ellipsis in markdown.
  if (markup === 'markdown') cut = cut.replace(/\\+$/, '');
  return `${cut}…`;
}

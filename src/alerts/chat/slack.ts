import { oneLine, safeHref } from '../render.js';
import type { Alert } from '../types.js';
import { capMarkup, capText, escapeMarkdown, escapeSlack, type Markup } from './escape.js';
import { DEFAULT_TEMPLATES } from './templates.js';
import { alertPageUrl, categoryWords, renderBody } from './view.js';

/** What every payload builder takes besides the alert. */
export interface PayloadOptions {
  /** The channel's `template`; the built-in one of its type when absent. */
  template?: string;
  /** `http.publicUrl`: links to the alert page when set. */
  publicUrl?: string;
}

/**
 * What every card starts from: the title on one line, the article link if it is safe, and the
 * body from the channel's template (or the built-in one of its type).
 */
export function messageParts(
  alert: Alert,
  options: PayloadOptions,
  type: keyof typeof DEFAULT_TEMPLATES,
  markup: Markup,
  max: number,
): { title: string; href: string | undefined; body: string } {
  return {
    title: oneLine(alert.item.title) || '(untitled)',
    href: safeHref(alert.item.link),
    body: renderBody(alert, {
      template: options.template ?? DEFAULT_TEMPLATES[type],
      markup,
      max,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    }),
  };
}

/** Label and plain value of the facts every card shows; each builder escapes them its way. */
export function facts(alert: Alert): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['Categories', alert.categories.map(categoryWords).join(', ')],
    ['Score', alert.score.toFixed(2)],
    ['Feed', oneLine(alert.item.feed)],
  ];
  if (alert.item.published) out.push(['Published', oneLine(alert.item.published)]);
  return out;
}

/** The article and alert-page links that fit a button (Slack: 3,000 characters). */
export function links(alert: Alert, publicUrl?: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const article = safeHref(alert.item.link);
  if (article && article.length <= 3000) out.push(['Read the article', article]);
  const page = alertPageUrl(alert.id, publicUrl);
  if (page) out.push(['Alert page', page]);
  return out;
}

/** Slack's limit on a section's text and on the message's fallback `text`. */
export const SLACK_TEXT_MAX = 3000;
const SLACK_HEADER_MAX = 150;

/**
 * A Slack incoming-webhook message in Block Kit: a header with the title (plain text, so nothing
 * in it is interpreted), the facts as fields, the body (evidence quote, reasons) as mrkdwn, and
 * buttons to the article and the alert page. `text` is the notification's fallback.
 */
export function slackPayload(alert: Alert, options: PayloadOptions = {}): Record<string, unknown> {
  const { title, body } = messageParts(alert, options, 'slack', 'slack', SLACK_TEXT_MAX);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: capText(title, SLACK_HEADER_MAX) } },
    {
      type: 'section',
      fields: facts(alert).map(([label, value]) => ({
        type: 'mrkdwn',
        text: capMarkup(`*${label}*\n${escapeSlack(value)}`, 2000, 'slack'),
      })),
    },
  ];
  if (body) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: body } });
  const buttons = links(alert, options.publicUrl).map(([label, url], i) => ({
    type: 'button',
    text: { type: 'plain_text', text: label },
    url,
    action_id: `sanctionwatch-link-${i}`,
  }));
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  const cats = alert.categories.map(categoryWords).join(', ');
  return {
    text: capMarkup(escapeSlack(`${cats}: ${title}`), SLACK_TEXT_MAX, 'slack'),
    blocks,
  };
}

/** Colour bar of Mattermost attachments and Discord embeds: a sanctions alert is red. */
export const ALERT_COLOUR = 0xb00020;

/**
 * A Mattermost incoming-webhook post with one Slack-compatible attachment: title linking to the
 * article, the body as Markdown, the facts as short fields.
 */
export function mattermostPayload(
  alert: Alert,
  options: PayloadOptions = {},
): Record<string, unknown> {
  const { title, href, body } = messageParts(alert, options, 'mattermost', 'markdown', 4000);
  const cats = alert.categories.map(categoryWords).join(', ');
  return {
    attachments: [
      {
        fallback: capText(`${cats}: ${title}`, 500),
        color: `#${ALERT_COLOUR.toString(16).padStart(6, '0')}`,
        title: capText(title, 250),
        ...(href ? { title_link: href } : {}),
        text: body,
        fields: facts(alert).map(([label, value]) => ({
          short: true,
          title: label,
          value: escapeMarkdown(value),
        })),
        footer: `sanctionwatch · ${alert.id}`,
      },
    ],
  };
}

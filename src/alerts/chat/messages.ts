import { createHash } from 'node:crypto';
import { oneLine } from '../render.js';
import type { Alert } from '../types.js';
import { capText } from './escape.js';
import { links, type PayloadOptions } from './slack.js';
import { DEFAULT_TEMPLATES, MATRIX_PLAIN } from './templates.js';
import { renderBody } from './view.js';

function publicUrlOf(options: PayloadOptions): { publicUrl?: string } {
  return options.publicUrl ? { publicUrl: options.publicUrl } : {};
}

/**
 * A Matrix `m.room.message` event: `m.text` (a `m.notice` is muted by the default push rules),
 * plain `body` for every client and `formatted_body` in `org.matrix.custom.html`.
 */
export function matrixPayload(alert: Alert, options: PayloadOptions = {}): Record<string, unknown> {
  const shared = publicUrlOf(options);
  return {
    msgtype: 'm.text',
    body: renderBody(alert, { template: MATRIX_PLAIN, markup: 'plain', max: 8000, ...shared }),
    format: 'org.matrix.custom.html',
    formatted_body: renderBody(alert, {
      template: options.template ?? DEFAULT_TEMPLATES.matrix,
      markup: 'html',
      max: 16_000,
      ...shared,
    }),
  };
}

/**
 * The Matrix transaction id of one alert on one channel. The homeserver answers a repeated
 * transaction with the first event instead of posting again, so a retried job never posts twice;
 * the channel name keeps two channels sharing one token apart.
 */
export function matrixTxnId(alertId: string, channel: string): string {
  const tag = createHash('sha256').update(channel).digest('hex').slice(0, 8);
  return `sw.${alertId.replace(/[^A-Za-z0-9_-]/g, '_')}.${tag}`;
}

/** Telegram's limit on a message's text. */
export const TELEGRAM_TEXT_MAX = 4096;

/**
 * A Telegram `sendMessage` body in HTML parse mode, without link preview, with buttons to the
 * article and the alert page.
 */
export function telegramPayload(
  alert: Alert,
  chat: string,
  options: PayloadOptions = {},
): Record<string, unknown> {
  const buttons = links(alert, options.publicUrl).map(([text, url]) => ({ text, url }));
  return {
    chat_id: chat,
    text: renderBody(alert, {
      template: options.template ?? DEFAULT_TEMPLATES.telegram,
      markup: 'telegram',
      max: TELEGRAM_TEXT_MAX,
      ...publicUrlOf(options),
    }),
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(buttons.length > 0 ? { reply_markup: { inline_keyboard: [buttons] } } : {}),
  };
}

/** ntfy priority from the score: 5 urgent from 0.9, 4 high from 0.75, 3 default below. */
export function ntfyPriority(score: number): number {
  if (score >= 0.9) return 5;
  if (score >= 0.75) return 4;
  return 3;
}

/** The ntfy server's publishing URL and the topic, from a topic URL (`https://ntfy.sh/desk`). */
export function ntfyTarget(topicUrl: string): { base: string; topic: string } {
  const url = new URL(topicUrl);
  const parts = url.pathname.split('/').filter((p) => p.length > 0);
  const topic = decodeURIComponent(parts.pop() ?? '');
  return { base: `${url.origin}/${parts.join('/')}`.replace(/\/?$/, '/'), topic };
}

// ntfy turns a message over 4,096 bytes into an attachment; stay under it in UTF-8 too.
const NTFY_MESSAGE_MAX = 1300;

/** An ntfy JSON publish: title, message, priority by score, click to the article, tags. */
export function ntfyPayload(
  alert: Alert,
  topic: string,
  options: PayloadOptions = {},
): Record<string, unknown> {
  const found = new Map(links(alert, options.publicUrl));
  const click = found.get('Read the article');
  const page = found.get('Alert page');
  return {
    topic,
    title: capText(oneLine(alert.item.title) || '(untitled)', 250),
    message: renderBody(alert, {
      template: options.template ?? DEFAULT_TEMPLATES.ntfy,
      markup: 'plain',
      max: NTFY_MESSAGE_MAX,
      ...publicUrlOf(options),
    }),
    priority: ntfyPriority(alert.score),
    tags: ['rotating_light', ...alert.categories],
    ...(click ? { click } : {}),
    ...(page ? { actions: [{ action: 'view', label: 'Alert page', url: page }] } : {}),
  };
}

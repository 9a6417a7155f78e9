import type { Alert } from '../types.js';
import { capMarkup, escapeMarkdown } from './escape.js';
import { ALERT_COLOUR, facts, links, messageParts, type PayloadOptions } from './slack.js';

/**
 * A Teams Workflows ("Post to a channel when a webhook request is received") message: one
 * Adaptive Card attachment with the title, a FactSet, the body and OpenUrl actions. Text blocks
 * read a subset of Markdown, so feed text is escaped for Markdown.
 */
export function teamsPayload(alert: Alert, options: PayloadOptions = {}): Record<string, unknown> {
  const { title, body } = messageParts(alert, options, 'teams', 'markdown', 8000);
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      {
        type: 'TextBlock',
        text: capMarkup(escapeMarkdown(title), 500, 'markdown'),
        size: 'Large',
        weight: 'Bolder',
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: facts(alert).map(([label, value]) => ({
          title: label,
          value: escapeMarkdown(value),
        })),
      },
      ...(body ? [{ type: 'TextBlock', text: body, wrap: true }] : []),
    ],
    actions: links(alert, options.publicUrl).map(([label, url]) => ({
      type: 'Action.OpenUrl',
      title: label,
      url,
    })),
  };
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}

/** Discord's embed limits (title, description, field value). */
export const DISCORD_LIMITS = { title: 256, description: 4096, fieldValue: 1024 } as const;

/**
 * A Discord execute-webhook body: one embed (title linking to the article, body as description,
 * facts as inline fields), and `allowed_mentions` empty so nothing from a feed pings anyone.
 */
export function discordPayload(
  alert: Alert,
  options: PayloadOptions = {},
): Record<string, unknown> {
  const { title, href, body } = messageParts(
    alert,
    options,
    'discord',
    'markdown',
    DISCORD_LIMITS.description,
  );
  const published = alert.item.published ? Date.parse(alert.item.published) : Number.NaN;
  const embed = {
    title: capMarkup(escapeMarkdown(title), DISCORD_LIMITS.title, 'markdown'),
    ...(href ? { url: href } : {}),
    ...(body ? { description: body } : {}),
    color: ALERT_COLOUR,
    fields: facts(alert)
      .filter(([label]) => label !== 'Published')
      .map(([label, value]) => ({
        name: label,
        value: capMarkup(escapeMarkdown(value), DISCORD_LIMITS.fieldValue, 'markdown'),
        inline: true,
      })),
    ...(Number.isNaN(published) ? {} : { timestamp: new Date(published).toISOString() }),
    footer: { text: `sanctionwatch · ${alert.id}` },
  };
  return { allowed_mentions: { parse: [] }, embeds: [embed] };
}

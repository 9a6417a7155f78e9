import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';
import type { Clock } from '../../clock.js';
import type { Channel } from '../types.js';
import { createChatChannel } from './chat.js';
import { createEmailChannel } from './email.js';
import { createLogChannel } from './log.js';
import { createWebhookChannel } from './webhook.js';

export { createChatChannel, chatRequest, type ChatChannelConfig } from './chat.js';
export { createEmailChannel, type EmailChannel } from './email.js';
export { createLogChannel } from './log.js';
export { createWebhookChannel, signBody } from './webhook.js';

export interface ChannelDeps {
  logger: Logger;
  clock?: Clock;
}

/** Every configured channel by name. Relative file paths resolve against the config's folder. */
export function createChannels(
  config: Pick<Config, 'channels' | 'baseDir' | 'dataDir'> & {
    http?: { publicUrl?: string | undefined };
  },
  deps: ChannelDeps,
): Map<string, Channel> {
  const channels = new Map<string, Channel>();
  const dataDir = path.resolve(config.baseDir, config.dataDir);
  const publicUrl = config.http?.publicUrl;
  for (const c of config.channels) {
    switch (c.type) {
      case 'log':
        channels.set(
          c.name,
          createLogChannel({
            name: c.name,
            file: c.file
              ? path.resolve(config.baseDir, c.file)
              : path.join(dataDir, 'alerts.jsonl'),
            logger: deps.logger,
          }),
        );
        break;
      case 'email':
        channels.set(
          c.name,
          createEmailChannel({
            name: c.name,
            smtp: c.smtp,
            from: c.from,
            to: c.to,
            ...(publicUrl ? { publicUrl } : {}),
          }),
        );
        break;
      case 'webhook':
        channels.set(
          c.name,
          createWebhookChannel({
            name: c.name,
            url: c.url,
            secret: c.secret,
            timeoutMs: c.timeout,
            ...(deps.clock ? { clock: deps.clock } : {}),
          }),
        );
        break;
      case 'slack':
      case 'teams':
      case 'discord':
      case 'mattermost':
      case 'matrix':
      case 'telegram':
      case 'ntfy':
        channels.set(
          c.name,
          createChatChannel(c, {
            ...(publicUrl ? { publicUrl } : {}),
            ...(deps.clock ? { clock: deps.clock } : {}),
          }),
        );
    }
  }
  return channels;
}

/** Closes every channel's pooled connections. */
export async function closeChannels(channels: Map<string, Channel>): Promise<void> {
  await Promise.allSettled(
    [...channels.values()].map((c) => (c.close ? c.close() : Promise.resolve())),
  );
}

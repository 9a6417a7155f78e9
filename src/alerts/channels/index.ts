import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';
import type { Clock } from '../../clock.js';
import { isChatChannelType, type Channel } from '../types.js';
import { createChatChannel, type ChatChannelConfig } from './chat.js';
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

function isChatChannel(c: Config['channels'][number]): c is ChatChannelConfig {
  return isChatChannelType(c.type);
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
    if (isChatChannel(c)) {
      // The chat services: one adapter, a payload per service.
      const options = {
        ...(publicUrl ? { publicUrl } : {}),
        ...(deps.clock ? { clock: deps.clock } : {}),
      };
      channels.set(c.name, createChatChannel(c, options));
      continue;
    }
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

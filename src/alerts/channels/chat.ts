import type { ChannelConfig } from '../../config/schema.js';
import { systemClock, type Clock } from '../../clock.js';
import { userAgent } from '../../net/http.js';
import { discordPayload, teamsPayload } from '../chat/cards.js';
import {
  matrixPayload,
  matrixTxnId,
  ntfyPayload,
  ntfyTarget,
  telegramPayload,
} from '../chat/messages.js';
import { sendChat, type ChatRequest } from '../chat/send.js';
import { mattermostPayload, slackPayload, type PayloadOptions } from '../chat/slack.js';
import type { Alert, Channel, ChatChannelType } from '../types.js';

/** A chat channel's config, as validated. */
export type ChatChannelConfig = Extract<ChannelConfig, { type: ChatChannelType }>;

export interface ChatChannelDeps {
  /** `http.publicUrl`: messages link to `<publicUrl>/alerts/<id>` when set. */
  publicUrl?: string;
  /** Reads the time for `Retry-After` dates. @defaultValue systemClock */
  clock?: Clock;
  /** @defaultValue `sanctionwatch/<version> (+<project URL>)` */
  userAgent?: string;
}

/** Scheme and host only: webhook paths and queries are the secret of most chat services. */
function origin(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

function withQuery(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.href;
}

/** The request that posts one alert, where it goes (without secrets) and the secrets themselves. */
export function chatRequest(
  config: ChatChannelConfig,
  alert: Alert,
  options: PayloadOptions,
): { req: ChatRequest; where: string; secrets: string[] } {
  const opts = { ...options, ...(config.template ? { template: config.template } : {}) };
  switch (config.type) {
    case 'slack':
      return post(config.url, slackPayload(alert, opts));
    case 'mattermost':
      return post(config.url, mattermostPayload(alert, opts));
    case 'teams':
      return post(config.url, teamsPayload(alert, opts));
    case 'discord':
      // wait=true: Discord answers once the message exists, so a 2xx means it was posted.
      return post(withQuery(config.url, 'wait', 'true'), discordPayload(alert, opts));
    case 'ntfy': {
      const { base, topic } = ntfyTarget(config.url);
      const headers = config.token ? { authorization: `Bearer ${config.token}` } : undefined;
      return {
        req: { method: 'POST', url: base, body: ntfyPayload(alert, topic, opts), headers },
        where: origin(config.url),
        secrets: config.token ? [config.token, topic] : [topic],
      };
    }
    case 'telegram': {
      const api = config.apiUrl.replace(/\/+$/, '');
      return {
        req: {
          method: 'POST',
          url: `${api}/bot${config.token}/sendMessage`,
          body: telegramPayload(alert, config.chat, opts),
        },
        where: `${origin(api)}/bot…/sendMessage`,
        secrets: [config.token],
      };
    }
    case 'matrix': {
      const hs = config.homeserver.replace(/\/+$/, '');
      const room = encodeURIComponent(config.room);
      const txn = encodeURIComponent(matrixTxnId(alert.id, config.name));
      return {
        req: {
          method: 'PUT',
          url: `${hs}/_matrix/client/v3/rooms/${room}/send/m.room.message/${txn}`,
          headers: { authorization: `Bearer ${config.token}` },
          body: matrixPayload(alert, opts),
        },
        where: origin(hs),
        secrets: [config.token],
      };
    }
  }
}

function post(url: string, body: Record<string, unknown>) {
  const u = new URL(url);
  const secrets = [u.pathname, u.search].filter((s) => s.length > 1);
  return { req: { method: 'POST' as const, url, body }, where: origin(url), secrets };
}

/** A channel that posts each alert to a chat service in the service's own format. */
export function createChatChannel(config: ChatChannelConfig, deps: ChatChannelDeps = {}): Channel {
  const clock = deps.clock ?? systemClock;
  const agent = deps.userAgent ?? userAgent();
  const options: PayloadOptions = deps.publicUrl ? { publicUrl: deps.publicUrl } : {};
  return {
    name: config.name,
    type: config.type,
    async deliver(alert: Alert): Promise<void> {
      const { req, where, secrets } = chatRequest(config, alert, options);
      await sendChat(req, {
        channel: config.name,
        type: config.type,
        where,
        timeoutMs: config.timeout,
        userAgent: agent,
        clock,
        secrets,
      });
    },
  };
}

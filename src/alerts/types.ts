import type { Match } from '../matching/types.js';

/** One alert: one story on one route. Its id is derived, so a retry builds the same one. */
export interface Alert {
  id: string;
  /** ISO time the alert was built. */
  createdAt: string;
  /** Index of the route in the config. */
  route: number;
  item: {
    key: string;
    title: string;
    link?: string;
    published?: string;
    feed: string;
    /** ISO 639-1 code of the item's language, when known. */
    language?: string;
  };
  categories: string[];
  score: number;
  matches: Match[];
  evidence: string[];
  reasons?: Record<string, string[]>;
  /** Epoch ms when the poll that found the item ran (for latency metrics). */
  polledAt?: number;
  /**
   * Set on a flood-control summary: how many alerts it stands for and their ids (each one is in
   * the ledger with its own page); `reasons.summary` lists their titles and links.
   */
  summary?: { count: number; alertIds: string[] };
}

/** Channel types that post to a chat service; they share one delivery queue. */
export const CHAT_CHANNEL_TYPES = [
  'slack',
  'teams',
  'discord',
  'mattermost',
  'matrix',
  'telegram',
  'ntfy',
] as const;

export type ChatChannelType = (typeof CHAT_CHANNEL_TYPES)[number];

/** Whether a channel type posts to a chat service. */
export function isChatChannelType(type: string): type is ChatChannelType {
  return (CHAT_CHANNEL_TYPES as readonly string[]).includes(type);
}

export type ChannelType = 'log' | 'email' | 'webhook' | ChatChannelType;

/** A delivery channel built from a channel config. */
export interface Channel {
  readonly name: string;
  readonly type: ChannelType;
  /**
   * Sends one alert. Throws SwError `DELIVERY_TRANSIENT` (retry, with `retryAfterMs` when the
   * peer said how long) or `DELIVERY_PERMANENT` (no retry).
   */
  deliver(alert: Alert): Promise<void>;
  /** Releases pooled connections. */
  close?(): Promise<void>;
}

/** What a delivery attempt did when it did not throw. */
export type DeliveryOutcome = 'delivered' | 'already-delivered';

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
  };
  categories: string[];
  score: number;
  matches: Match[];
  evidence: string[];
  reasons?: Record<string, string[]>;
  /** Epoch ms when the poll that found the item ran (for latency metrics). */
  polledAt?: number;
}

export type ChannelType = 'log' | 'email' | 'webhook';

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

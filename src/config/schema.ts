import { z } from 'zod';
import { alertsSchema } from './alerts.js';
import { chatChannelSchemas } from './chat-channels.js';
import { routeSchema } from './route-schema.js';

export { routeSchema } from './route-schema.js';
import { parseDuration } from './duration.js';

/** A duration string (`30s`, `5m`, `1h`, `7d`) turned into milliseconds, with a lower bound. */
export function duration(minMs: number, minText: string) {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = typeof value === 'number' ? value * 1000 : parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `invalid duration "${value}" (use e.g. 30s, 5m, 1h, 7d)`,
      });
      return z.NEVER;
    }
    if (ms < minMs) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `duration "${value}" is below the minimum ${minText}`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

const name = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'names use letters, digits, ".", "_" and "-"');

/** A URL string whose protocol is one of `protocols`. */
function urlOf(protocols: readonly string[], message: string) {
  return z.string().refine((u) => {
    try {
      return protocols.includes(new URL(u).protocol);
    } catch {
      return false;
    }
  }, message);
}

const feedUrl = urlOf(['http:', 'https:', 'file:'], 'invalid URL (http://, https:// or file://)');
const httpUrl = urlOf(['http:', 'https:'], 'invalid URL (http:// or https://)');
const smtpUrl = urlOf(
  ['smtp:', 'smtps:'],
  'invalid SMTP URL (smtp://user:pass@host:587 or smtps://…)',
);

const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'invalid header name')
  .refine(
    (h) => !['host', 'content-length', 'transfer-encoding', 'connection'].includes(h.toLowerCase()),
    'this header is set by the HTTP client',
  );
const headerValue = z.string().regex(/^[^\r\n\0]*$/, 'header values cannot contain line breaks');

export const feedSchema = z
  .object({
    name,
    url: feedUrl,
    /** @defaultValue 5m */
    interval: duration(1000, '1s').default('5m'),
    /** Items older than this are recorded as seen and never alerted. @defaultValue global maxItemAge */
    maxItemAge: duration(1000, '1s').optional(),
    /** @defaultValue true */
    enabled: z.boolean().default(true),
    /**
     * Extra request headers (e.g. `authorization: Bearer ${FEED_TOKEN}`), sent only to the
     * feed's own origin. @defaultValue none
     */
    headers: z.record(headerName, headerValue).optional(),
    /** Labels routes select by (`routes[].tags`), e.g. `[dprk, korean]`. @defaultValue none */
    tags: z.array(name).optional(),
  })
  .strict();

const logChannel = z
  .object({
    name,
    type: z.literal('log'),
    /** JSON-lines file the alerts are appended to, relative to the config file; absolute once loaded. @defaultValue `<dataDir>/alerts.jsonl` */
    file: z.string().min(1).optional(),
  })
  .strict();

const emailChannel = z
  .object({
    name,
    type: z.literal('email'),
    smtp: smtpUrl,
    from: z.string().min(3),
    to: z.array(z.string().email()).min(1),
    /** Gather alerts of a window into one e-mail (`15m`). */
    digest: duration(1000, '1s').optional(),
  })
  .strict();

const webhookChannel = z
  .object({
    name,
    type: z.literal('webhook'),
    url: httpUrl,
    secret: z.string().min(1),
    /** @defaultValue 10s */
    timeout: duration(100, '100ms').default('10s'),
  })
  .strict();

export const channelSchema = z.discriminatedUnion('type', [
  logChannel,
  emailChannel,
  webhookChannel,
  ...chatChannelSchemas({ name, httpUrl, timeout: duration(100, '100ms').default('10s') }),
]);

export const listSourceSchema = z
  .object({
    type: z.enum(['un', 'ofac', 'opensanctions']),
    url: feedUrl,
    /** OFAC only: the alternate-names CSV. */
    aliasesUrl: feedUrl.optional(),
    /** @defaultValue 1d */
    every: duration(60_000, '1m').default('1d'),
    /** Watchlist file written, relative to the config file. */
    out: z.string().min(1),
  })
  .strict();

export const configSchema = z
  .object({
    redis: z
      .object({
        url: z
          .string()
          .regex(/^rediss?:\/\//, 'invalid Redis URL (redis://host:port)')
          .default('redis://127.0.0.1:6379'),
        /** Key prefix; use a hash tag (`{sw}`) on Redis Cluster. @defaultValue sw */
        prefix: z.string().min(1).default('sw'),
        /** `url` is one node of a Redis Cluster (the rest are discovered). @defaultValue false */
        cluster: z.boolean().default(false),
      })
      .strict()
      .default({}),
    http: z
      .object({
        /** @defaultValue true */
        enabled: z.boolean().default(true),
        /** @defaultValue 127.0.0.1 */
        host: z.string().min(1).default('127.0.0.1'),
        /** @defaultValue 8080 */
        port: z.number().int().min(0).max(65535).default(8080),
        /** Basic auth for the dashboard; required when host is not loopback. */
        auth: z
          .object({ user: z.string().min(1), password: z.string().min(1) })
          .strict()
          .optional(),
        /**
         * The dashboard's address as analysts reach it (`https://sw.example.org`); every channel
         * then links to `<publicUrl>/alerts/<id>`. @defaultValue none (no alert links)
         */
        publicUrl: httpUrl.optional(),
        /** Bull Board can retry and remove jobs. @defaultValue true */
        adminReadOnly: z.boolean().default(true),
      })
      .strict()
      .default({}),
    logging: z
      .object({
        /** @defaultValue info */
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info'),
        /** @defaultValue false */
        pretty: z.boolean().default(false),
      })
      .strict()
      .default({}),
    /** Folder for `alerts.jsonl` and other local state, relative to the config file. @defaultValue data */
    dataDir: z.string().min(1).default('data'),
    poller: z
      .object({
        /** URL put in the User-Agent so feed owners can reach the operator. */
        contact: z.string().min(1).default('https://github.com/sanctionwatch/sanctionwatch'),
        /** @defaultValue 10s */
        connectTimeout: duration(100, '100ms').default('10s'),
        /** @defaultValue 30s */
        timeout: duration(100, '100ms').default('30s'),
        /** Body cap, bytes. @defaultValue 15 MB */
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .default(15 * 1024 * 1024),
        /** @defaultValue 6h */
        maxBackoff: duration(1000, '1s').default('6h'),
        /**
         * Feeds polled at once. Each poll waits on the network and, with inline matching, on the
         * matcher thread, so more slots than cores keep both busy (16: 4,226 and 4,286 items/s
         * against 3,781 and 3,628 for 8 in pipeline-only `npm run bench -- pipeline` pairs).
         * @defaultValue 16
         */
        concurrency: z.number().int().min(1).max(256).default(16),
        /**
         * Let feeds reach loopback, private, link-local, multicast and unspecified addresses, by
         * redirect or DNS. Off, only a feed whose configured URL is itself such an address (an
         * IP literal or `localhost`) may. @defaultValue false
         */
        allowPrivateNetworks: z.boolean().default(false),
      })
      .strict()
      .default({}),
    /** @defaultValue 7d */
    maxItemAge: duration(1000, '1s').default('7d'),
    feeds: z.array(feedSchema).default([]),
    /** Globs of watchlist files, relative to the config file. */
    watchlists: z.array(z.string().min(1)).default(['watchlists/*.yaml']),
    lists: z.array(listSourceSchema).default([]),
    detection: z
      .object({
        /** @defaultValue 0.5 */
        threshold: z.number().min(0).max(1).default(0.5),
        /** Globs of rule files, relative to the config file; empty means the built-in rules. */
        rules: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({}),
    matcher: z
      .object({
        /** @defaultValue 4 */
        concurrency: z.number().int().min(1).max(256).default(4),
        /**
         * When one process runs both the poller and the matcher, match each poll's new items in
         * the poll instead of queueing match jobs. @defaultValue true
         */
        inline: z.boolean().default(true),
        /**
         * Threads that parse feeds and match items; omitted, one per core but one (for the event
         * loop), at most 4. @defaultValue cores - 1, between 1 and 4
         */
        threads: z.number().int().min(1).max(64).optional(),
      })
      .strict()
      .default({}),
    notifier: z
      .object({
        /** @defaultValue 8 */
        concurrency: z.number().int().min(1).max(256).default(8),
      })
      .strict()
      .default({}),
    channels: z.array(channelSchema).default([]),
    routes: z.array(routeSchema).default([]),
    alerts: alertsSchema(duration),
    watchdog: z
      .object({
        /** Exit when a worker with waiting jobs made no progress for this long. @defaultValue 5m */
        stall: duration(1000, '1s').default('5m'),
      })
      .strict()
      .default({}),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type FeedConfig = z.output<typeof feedSchema>;
export type ChannelConfig = z.output<typeof channelSchema>;
export type RouteConfig = z.output<typeof routeSchema>;
export type ListSourceConfig = z.output<typeof listSourceSchema>;

/** The validated, frozen config every component receives. Paths are absolute. */
export interface Config extends ParsedConfig {
  /** Absolute path of the config file (or `<inline>`). */
  readonly configPath: string;
  /** Folder of the config file: relative paths were resolved against it. */
  readonly baseDir: string;
  /** Absolute paths of the watchlist files the globs matched. */
  readonly watchlistFiles: readonly string[];
  /** Absolute paths of the rule files the globs matched. */
  readonly ruleFiles: readonly string[];
  /**
   * `redis.url` is the default, not the operator's choice (see `loadConfigFromText`): `start`
   * and `demo` may then run a private redis-server when nothing answers there.
   */
  readonly redisUrlIsDefault?: boolean;
}

import { buildAlerts } from '../../../src/alerts/route.js';
import { compileFromConfig } from '../../../src/sources/compile.js';
import { loadConfig } from '../../../src/config/load.js';
import { parseFeed } from '../../../src/feeds/parse.js';
import { storyKey } from '../../../src/feeds/normalise.js';
import type { FeedServer, GeneratedItem } from './feeds.js';

/** What the daemon must deliver for a set of items. */
export interface ExpectedAlerts {
  /** Items considered. */
  items: number;
  /** Items the matcher flags (whatever the routes). */
  flaggedItems: number;
  /** Alert ids that must be delivered, each with the channels of its route. */
  alerts: Map<string, { title: string; channels: string[] }>;
  /** Alert ids per channel name. */
  byChannel: Map<string, Set<string>>;
}

/**
 * Runs the real pipeline pieces in-process on exactly the documents the feed server serves:
 * the config loader, `parseFeed`, the compiled matcher and `buildAlerts`, so the ids are the
 * ones the daemon must build. `items` defaults to every item the server generated.
 */
export async function expectedAlerts(input: {
  configPath: string;
  env: Record<string, string>;
  server: FeedServer;
  items?: readonly GeneratedItem[];
}): Promise<ExpectedAlerts> {
  const config = await loadConfig(input.configPath, { ...process.env, ...input.env });
  const { matcher } = await compileFromConfig(config);
  const items = input.items ?? input.server.items;
  const out: ExpectedAlerts = {
    items: items.length,
    flaggedItems: 0,
    alerts: new Map(),
    byChannel: new Map(config.channels.map((c) => [c.name, new Set<string>()])),
  };
  for (const feed of input.server.feeds) {
    const mine = items.filter((it) => it.feed === feed.name);
    if (mine.length === 0) continue;
    const parsed = await parseFeed(Buffer.from(input.server.render(feed.name, mine)), {
      contentType: 'application/rss+xml; charset=utf-8',
      baseUrl: feed.url,
    });
    for (const item of parsed.items) {
      const result = matcher.match({
        title: item.title,
        body: item.body,
        published: item.published,
      });
      if (!result.flagged) continue;
      out.flaggedItems++;
      const built = buildAlerts({
        item: { key: storyKey(item), title: item.title, feed: feed.name },
        result,
        routes: config.routes,
        channels: config.channels,
        now: new Date(),
      });
      for (const { alert, channels } of built) {
        out.alerts.set(alert.id, { title: item.title, channels: channels.map((c) => c.name) });
        for (const c of channels) out.byChannel.get(c.name)?.add(alert.id);
      }
    }
  }
  return out;
}

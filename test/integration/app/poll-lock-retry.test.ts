import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { makePollProcessor } from '../../../src/app/processors/poll.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { isSwError } from '../../../src/errors.js';
import { feedKey } from '../../../src/store/feed-state.js';
import type { PollJob } from '../../../src/queues/registry.js';
import { repoRoot } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Harbour fees rise</title><link>https://example.org/h</link><guid>h1</guid></item>
</channel></rss>`;

// A poll that threw (Redis or the matcher failed) left its items unmarked and is retried; its
// lock may still be there when its own release did not reach Redis. A retry that found the lock
// returned "locked" and ended, so the items waited for the next scheduled poll.
describe('a retried poll that finds the feed locked', () => {
  let app: App | undefined;
  let server: Server | undefined;
  let redis: Redis | undefined;
  let prefix = '';
  let dir = '';
  afterEach(async () => {
    await app?.stop(3000);
    server?.close();
    redis?.disconnect();
    await deletePrefix(prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('throws FEED_LOCKED with the lock’s remaining time, and polls once it lapsed', async () => {
    prefix = randomPrefix('polllock');
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/f.xml`;
    dir = await mkdtemp(path.join(tmpdir(), 'sw-polllock-'));
    const config = await loadConfigFromText(
      `
redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
http: { enabled: false }
feeds:
  - { name: f, url: "${url}", interval: 1h, enabled: false }
watchlists: ["${path.join(repoRoot, 'config/watchlists')}/*.yaml"]
`,
      { file: path.join(dir, 'sw.yaml') },
    );
    app = createApp({ config, logger: pino({ level: 'silent' }), role: 'poller' });
    await app.start();
    const poll = makePollProcessor(app.context!, undefined, false);
    const job = (attemptsMade: number) => ({ data: { feed: 'f' }, attemptsMade }) as Job<PollJob>;

    redis = new Redis(REDIS_URL);
    await redis.set(feedKey(prefix, 'f', 'lock'), 'failed-attempt', 'PX', 800);
    // First attempt: another poller may be polling it right now; nothing to do.
    expect(await poll(job(0))).toEqual({ status: 'locked' });
    // A retry: try again when the lock lapses.
    const err = await poll(job(1)).catch((e: unknown) => e);
    expect(isSwError(err, 'FEED_LOCKED')).toBe(true);
    if (isSwError(err)) {
      expect(err.retryAfterMs).toBeGreaterThan(0);
      expect(err.retryAfterMs).toBeLessThanOrEqual(800);
    }
    await new Promise((r) => setTimeout(r, 900));
    expect(await poll(job(1))).toMatchObject({ status: 'new-items', enqueued: 1 });
  });
});

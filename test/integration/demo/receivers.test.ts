import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmailChannel } from '../../../src/alerts/channels/email.js';
import { createWebhookChannel } from '../../../src/alerts/channels/webhook.js';
import type { Alert } from '../../../src/alerts/types.js';
import { readSampleFeeds, startFeedServer } from '../../../src/demo/feed-server.js';
import { packageRoot } from '../../../src/demo/paths.js';
import {
  startSmtpCatcher,
  startWebhookReceiver,
  type ReceivedAlert,
} from '../../../src/demo/receivers.js';
import { alertLine } from '../../../src/demo/run.js';
import { isSwError } from '../../../src/errors.js';
import { repoRoot } from '../../helpers/config.js';

const alert: Alert = {
  id: 'a_0123456789abcdef01234567',
  createdAt: '2023-07-28T09:00:00.000Z',
  route: 0,
  item: {
    key: 'k',
    // Non-ASCII and long enough that the e-mail's text part is quoted-printable with soft breaks.
    title:
      'Übergabe von Drohnen an die Huthi-Miliz im Jemen verstößt gegen das UN-Waffenembargo — Expertenbericht über Lieferwege',
    link: 'https://wire.example.org/x',
    feed: 'world-wire',
  },
  categories: ['arms_transfer', 'un_violation'],
  score: 0.9,
  matches: [],
  evidence: ['Die Lieferung verstößt gegen Resolution 2216.'],
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

describe('demo receivers', () => {
  it('takes a signed webhook and refuses one signed with another secret', async () => {
    const got: ReceivedAlert[] = [];
    const refused: string[] = [];
    const hook = await startWebhookReceiver(
      'right',
      (a) => got.push(a),
      (why) => refused.push(why),
    );
    closers.push(() => hook.close());

    await createWebhookChannel({ name: 'h', url: hook.url, secret: 'right' }).deliver(alert);
    expect(got).toEqual([
      {
        id: alert.id,
        categories: alert.categories,
        score: 0.9,
        title: alert.item.title,
        feed: 'world-wire',
      },
    ]);

    const wrong = createWebhookChannel({ name: 'h', url: hook.url, secret: 'wrong' });
    const err = await wrong.deliver(alert).catch((e: unknown) => e);
    expect(isSwError(err, 'DELIVERY_PERMANENT')).toBe(true);
    expect(got).toHaveLength(1);
    expect(refused).toHaveLength(1);
  });

  it('reads the alert back from what the e-mail channel sends', async () => {
    const got: ReceivedAlert[] = [];
    const smtp = await startSmtpCatcher((a) => got.push(a));
    closers.push(() => smtp.close());
    const email = createEmailChannel({
      name: 'desk',
      smtp: smtp.url,
      from: 'sw <sw@example.org>',
      to: ['desk@example.org'],
    });
    closers.push(() => email.close());
    await email.deliver(alert);
    expect(got).toEqual([
      {
        id: alert.id,
        categories: alert.categories,
        score: 0.9,
        title: alert.item.title,
        feed: 'world-wire',
      },
    ]);
  });

  it('prints one terminal-safe line per alert', () => {
    const line = alertLine({
      id: 'a_1',
      categories: ['arms_transfer', 'un_violation'],
      score: 0.905,
      title: 'Two\nlines\u001b[31m red',
      feed: 'f',
    });
    expect(line).toBe(
      'ALERT arms_transfer,un_violation score=0.91 "Two lines [31m red" (f) id=a_1',
    );
  });
});

describe('demo sample feeds', () => {
  it('are found from the module, not the working directory', () => {
    expect(packageRoot()).toBe(repoRoot);
  });

  it('are served as RSS and Atom', async () => {
    const feeds = await readSampleFeeds(path.join(packageRoot(), 'demo/feeds'));
    expect(feeds.length).toBe(4);
    const server = await startFeedServer(feeds);
    closers.push(() => server.close());
    const types = new Set<string>();
    for (const f of feeds) {
      const res = await fetch(new URL(f.path.slice(1), server.url));
      expect(res.status).toBe(200);
      types.add(res.headers.get('content-type')!.split(';')[0]);
      expect(Buffer.from(await res.arrayBuffer()).equals(f.body)).toBe(true);
    }
    expect(types).toEqual(new Set(['application/rss+xml', 'application/atom+xml']));
    expect((await fetch(new URL('nope.xml', server.url))).status).toBe(404);
  });

  it('answer a repeat poll with the same ETag with 304, as real feeds do', async () => {
    const [feed] = await readSampleFeeds(path.join(packageRoot(), 'demo/feeds'));
    const server = await startFeedServer([feed]);
    closers.push(() => server.close());
    const url = new URL(feed.path.slice(1), server.url);
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toBe(feed.etag);
    const again = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect((await fetch(url, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });
});

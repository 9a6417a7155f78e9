import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** One bundled sample feed. */
export interface SampleFeed {
  /** File name without extension; also the feed's name in the demo config. */
  name: string;
  /** Path the server answers it on, e.g. `/world-wire.xml`. */
  path: string;
  body: Buffer;
  contentType: string;
  /** Strong validator of the body, so polls after the first are answered 304 as real feeds do. */
  etag: string;
}

export interface FeedServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly feeds: readonly SampleFeed[];
  close(): Promise<void>;
}

/** Reads every `*.xml` of the folder; RSS or Atom is told by the root element. */
export async function readSampleFeeds(dir: string): Promise<SampleFeed[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.xml')).sort();
  return Promise.all(
    names.map(async (file) => {
      const body = await readFile(path.join(dir, file));
      const atom = /<feed[\s>]/.test(body.subarray(0, 512).toString('utf8'));
      return {
        name: file.slice(0, -'.xml'.length),
        path: `/${file}`,
        body,
        etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
        contentType: `${atom ? 'application/atom+xml' : 'application/rss+xml'}; charset=utf-8`,
      };
    }),
  );
}

/** Serves the sample feeds on 127.0.0.1 (a free port), with a plain-text index at `/`. */
export async function startFeedServer(feeds: readonly SampleFeed[]): Promise<FeedServer> {
  const byPath = new Map(feeds.map((f) => [f.path, f]));
  let url = '';
  const server: Server = createServer((req, res) => {
    const pathOnly = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const feed = byPath.get(pathOnly);
    if (feed) {
      if (req.headers['if-none-match'] === feed.etag) {
        res.writeHead(304, { etag: feed.etag }).end();
        return;
      }
      res.writeHead(200, {
        'content-type': feed.contentType,
        'content-length': feed.body.length,
        etag: feed.etag,
      });
      res.end(req.method === 'HEAD' ? undefined : feed.body);
      return;
    }
    if (pathOnly === '/') {
      const index = `sanctionwatch demo: sample feeds\n\n${feeds.map((f) => `${url}${f.path.slice(1)}`).join('\n')}\n`;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(index);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    feeds,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

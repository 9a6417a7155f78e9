// Local HTTP peers for the benches: a feed server (ETag/304 aware) and a webhook receiver.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface FeedServer {
  url: string;
  /** Serves `body` at `path` with a strong ETag; a matching If-None-Match gets 304. */
  set(path: string, body: string, etag?: string): void;
  requests: { total: number; notModified: number };
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const docs = new Map<string, { body: string; etag: string }>();
  const requests = { total: 0, notModified: 0 };
  let version = 0;
  const server = createServer((req, res) => {
    requests.total++;
    const doc = docs.get(req.url ?? '');
    if (!doc) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === doc.etag) {
      requests.notModified++;
      return void res.writeHead(304, { etag: doc.etag }).end();
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: doc.etag }).end(doc.body);
  });
  server.keepAliveTimeout = 60_000;
  const url = await listen(server);
  return {
    url,
    set: (path, body, etag) => docs.set(path, { body, etag: etag ?? `"v${++version}"` }),
    requests,
    close: () => close(server),
  };
}

export interface Hook {
  url: string;
  /** Called with each received alert's JSON and the receive time. */
  onAlert: (alert: { id: string; polledAt?: number }, at: number) => void;
  close(): Promise<void>;
}

export async function startHook(onAlert: Hook['onAlert']): Promise<Hook> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      res.writeHead(204).end();
      onAlert(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }, at);
    });
  });
  server.keepAliveTimeout = 60_000;
  const url = await listen(server);
  return { url: `${url}/hook`, onAlert, close: () => close(server) };
}

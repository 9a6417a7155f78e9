import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatChannelConfig } from '../../../src/alerts/channels/chat.js';
import { channelSchema } from '../../../src/config/schema.js';
import { telegramProblems, validators, type Kind } from './chat-validators.js';

/** A scripted answer: status, optional JSON body and headers. */
export interface Answer {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

export interface Request {
  at: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  problems: string[];
}

/**
 * A stand-in for one chat service on 127.0.0.1:0. It answers the scripted answers first, then
 * checks every request the way the service documents it and answers 400 with the problems (as
 * the service would refuse it) or the service's success answer. `posted` holds what the service
 * would have shown in the room: a Matrix transaction seen before is not posted again.
 */
export async function startChatService(kind: Kind, script: Answer[] = [], token = 'T0KEN') {
  const requests: Request[] = [];
  const posted: unknown[] = [];
  const txns = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      const problems: string[] = [];
      try {
        body = JSON.parse(raw);
      } catch {
        problems.push('body is not JSON');
      }
      const url = new URL(req.url ?? '/', 'http://local');
      if (req.headers['content-type'] !== 'application/json') problems.push('content-type');
      if (!String(req.headers['user-agent']).startsWith('sanctionwatch/')) problems.push('UA');
      if (problems.length === 0) problems.push(...validators[kind](body, req, url, token));
      requests.push({
        at: Date.now(),
        method: req.method ?? '',
        path: url.pathname,
        headers: req.headers,
        body,
        problems,
      });
      const next = script.shift();
      if (next) return reply(res, next);
      if (problems.length > 0) return reply(res, refusal(kind, problems));
      if (kind === 'matrix') {
        const txn = url.pathname.split('/').pop() ?? '';
        if (!txns.has(txn)) {
          txns.set(txn, `$ev${txns.size}`);
          posted.push(body);
        }
        return reply(res, { status: 200, json: { event_id: txns.get(txn) } });
      }
      posted.push(body);
      reply(res, success(kind));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    posted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: http.ServerResponse, a: Answer): void {
  const headers = { ...(a.json !== undefined ? { 'content-type': 'application/json' } : {}) };
  res.writeHead(a.status, { ...headers, ...a.headers });
  res.end(a.json !== undefined ? JSON.stringify(a.json) : undefined);
}

function refusal(kind: Kind, problems: string[]): Answer {
  const text = problems.join('; ');
  if (kind === 'telegram')
    return {
      status: 400,
      json: { ok: false, error_code: 400, description: `Bad Request: ${text}` },
    };
  if (kind === 'matrix') return { status: 400, json: { errcode: 'M_BAD_JSON', error: text } };
  return { status: 400, json: { message: text } };
}

function success(kind: Kind): Answer {
  switch (kind) {
    case 'slack':
      return { status: 200, json: undefined, headers: { 'content-type': 'text/plain' } };
    case 'discord':
      return { status: 200, json: { id: '1', type: 0 } };
    case 'telegram':
      return { status: 200, json: { ok: true, result: { message_id: 1 } } };
    case 'teams':
      return { status: 202 };
    case 'mattermost':
    case 'matrix':
    case 'ntfy':
      return { status: 200, json: { id: 'x' } };
  }
}

export { telegramProblems };
export type { Kind };

/** The channel config a user would write, pointed at the local service. */
export function configFor(kind: Kind, base: string, extra: Record<string, unknown> = {}) {
  const input: Record<string, unknown> =
    kind === 'telegram'
      ? { token: 'T0KEN', chat: '-100123', apiUrl: base }
      : kind === 'matrix'
        ? { homeserver: base, room: '!desk:example.org', token: 'T0KEN' }
        : kind === 'discord'
          ? { url: `${base}/api/webhooks/123/S3CRET-path` }
          : kind === 'ntfy'
            ? { url: `${base}/desk-alerts` }
            : { url: `${base}/hook/S3CRET-path` };
  return channelSchema.parse({
    name: `c-${kind}`,
    type: kind,
    ...input,
    ...extra,
  }) as ChatChannelConfig;
}

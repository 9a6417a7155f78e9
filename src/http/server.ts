import { timingSafeEqual, createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { withTimeout } from '../deadline.js';

/** What `/readyz` reports: ready, and each check's result (`true`, or why not). */
export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean | string>;
}

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  /** The config's `http` section: host, port and optional basic auth. */
  config: Config['http'];
  logger: Logger;
  /** Asked on every `/readyz`; a throw or a hang counts as not ready. */
  readiness: () => Promise<Readiness>;
  /** Served as `/metrics`. */
  metrics: Registry;
  /** How long `/readyz` waits for {@link HttpServerOptions.readiness}. @defaultValue 3000 */
  readinessTimeoutMs?: number;
}

export interface HttpServer {
  /** The fastify instance, for other routes (the dashboard) registered before {@link HttpServer.start}. */
  readonly app: FastifyInstance;
  /** Listens on the configured host and port (0 picks a free one). */
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

/** Probes and scrapes stay open so orchestrators and Prometheus need no password. */
const OPEN_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function authorised(header: string | undefined, user: string, password: string): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  // Hashing first gives equal lengths, so the comparison does not leak the password's length.
  return timingSafeEqual(
    digest(Buffer.from(m[1], 'base64').toString('utf8')),
    digest(`${user}:${password}`),
  );
}

/** The ops HTTP server: `/healthz`, `/readyz`, `/metrics`, and basic auth for everything else. */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { config, metrics } = options;
  const httpLogger: FastifyBaseLogger = options.logger.child({ component: 'http' });
  const app: FastifyInstance = Fastify({
    loggerInstance: httpLogger,
    // Probes and scrapes every few seconds would drown the log.
    logController: new LogController({ disableRequestLogging: true }),
    // A dashboard tab keeps connections open; without this, stop waits out their keep-alive.
    forceCloseConnections: true,
  });

  if (config.auth) {
    const { user, password } = config.auth;
    app.addHook('onRequest', async (request, reply) => {
      const pathOnly = request.url.split('?')[0];
      if (OPEN_PATHS.has(pathOnly) || authorised(request.headers.authorization, user, password))
        return;
      await reply
        .code(401)
        .header('www-authenticate', 'Basic realm="sanctionwatch", charset="UTF-8"')
        .send({ error: 'authentication required' });
    });
  }

  app.get('/healthz', (_request, reply) => reply.send({ ok: true }));

  app.get('/readyz', async (_request, reply) => {
    let result: Readiness;
    try {
      result = await withTimeout(options.readiness(), options.readinessTimeoutMs ?? 3000);
    } catch (err) {
      result = {
        ready: false,
        checks: { readiness: err instanceof Error ? err.message : String(err) },
      };
    }
    return reply.code(result.ready ? 200 : 503).send(result);
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.metrics();
    return reply.header('content-type', metrics.contentType).send(body);
  });

  let closed: Promise<void> | undefined;
  return {
    app,
    async start() {
      await app.listen({ host: config.host, port: config.port });
      const { port } = app.server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return { url: `http://${host}:${port}` };
    },
    stop() {
      closed ??= app.close();
      return closed;
    },
  };
}

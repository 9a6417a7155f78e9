import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer, type Readiness } from '../../../src/http/server.js';
import { collectQueueCounts, createMetrics } from '../../../src/app/metrics.js';
import { createLogger } from '../../../src/logger.js';
import type { Config } from '../../../src/config/schema.js';

const logger = createLogger({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));
const servers: HttpServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

function httpConfig(extra: Partial<Config['http']> = {}): Config['http'] {
  return { enabled: true, host: '127.0.0.1', port: 0, adminReadOnly: true, ...extra };
}

function serve(
  options: { readiness?: () => Promise<Readiness>; auth?: { user: string; password: string } } = {},
) {
  const metrics = createMetrics();
  const server = createHttpServer({
    config: httpConfig(options.auth ? { auth: options.auth } : {}),
    logger,
    metrics: metrics.registry,
    readiness:
      options.readiness ??
      (() => Promise.resolve({ ready: true, checks: { redis: true, workers: true } })),
    readinessTimeoutMs: 500,
  });
  servers.push(server);
  return { server, metrics };
}

describe('ops HTTP server', () => {
  it('answers /healthz and listens on loopback with port 0', async () => {
    const { server } = serve({
      readiness: () => Promise.resolve({ ready: false, checks: { redis: 'down' } }),
    });
    const { url } = await server.start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('answers /readyz 200 with the checks when ready', async () => {
    const { server } = serve();
    const { url } = await server.start();
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, checks: { redis: true, workers: true } });
  });

  it('answers /readyz 503 when not ready, when readiness throws, and when it hangs', async () => {
    let mode: 'down' | 'throw' | 'hang' = 'down';
    const { server } = serve({
      readiness: () => {
        if (mode === 'throw') return Promise.reject(new Error('boom'));
        if (mode === 'hang') return new Promise<Readiness>(() => {});
        return Promise.resolve({
          ready: false,
          checks: { redis: 'ECONNREFUSED 127.0.0.1:6379', workers: true },
        });
      },
    });
    const { url } = await server.start();
    let res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      ready: false,
      checks: { redis: 'ECONNREFUSED 127.0.0.1:6379', workers: true },
    });
    mode = 'throw';
    res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, checks: { readiness: 'boom' } });
    mode = 'hang';
    res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
  });

  it('serves Prometheus text with queue counts, project counters and process metrics', async () => {
    const { server, metrics } = serve();
    let waiting = 3;
    collectQueueCounts(metrics, () =>
      Promise.resolve({
        items: { waiting, failed: 1 },
        alerts: { waiting: 0 },
      }),
    );
    metrics.feedPolls.inc({ feed: 'un-news', outcome: 'ok' });
    metrics.alertsCreated.inc({ category: 'arms_transfer' }, 2);
    metrics.deliveryLatency.observe({ channel: 'console' }, 0.2);
    const { url } = await server.start();
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('bullmq_jobs{queue="items",state="waiting"} 3');
    expect(text).toContain('bullmq_jobs{queue="items",state="failed"} 1');
    expect(text).toContain('sanctionwatch_feed_polls_total{feed="un-news",outcome="ok"} 1');
    expect(text).toContain('sanctionwatch_alerts_created_total{category="arms_transfer"} 2');
    expect(text).toContain('sanctionwatch_delivery_latency_seconds_count{channel="console"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    waiting = 7;
    expect(await (await fetch(`${url}/metrics`)).text()).toContain(
      'bullmq_jobs{queue="items",state="waiting"} 7',
    );
  });

  it('still serves /metrics when queue counts cannot be read', async () => {
    const { server, metrics } = serve();
    collectQueueCounts(metrics.registry, () => Promise.reject(new Error('Connection is closed.')));
    metrics.itemsMatched.inc();
    const { url } = await server.start();
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('sanctionwatch_items_matched_total 1');
    expect(text).not.toContain('bullmq_jobs{');
  });

  it('requires basic auth for other routes when configured, but not for probes and metrics', async () => {
    const { server } = serve({ auth: { user: 'ops', password: 'correct horse' } });
    server.app.get('/admin', () => Promise.resolve({ admin: true }));
    const { url } = await server.start();
    const basic = (u: string, p: string) => ({
      authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
    });

    const anonymous = await fetch(`${url}/admin`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="sanctionwatch"/);
    expect((await fetch(`${url}/admin`, { headers: basic('ops', 'wrong') })).status).toBe(401);
    expect((await fetch(`${url}/admin`, { headers: basic('ops', 'correct horse') })).status).toBe(
      200,
    );
    expect(
      (await fetch(`${url}/admin?x=1`, { headers: { authorization: 'Bearer abc' } })).status,
    ).toBe(401);
    for (const open of ['/healthz', '/readyz', '/metrics'])
      expect((await fetch(`${url}${open}`)).status).toBe(200);
  });

  it('leaves other routes open when no auth is configured (loopback only)', async () => {
    const { server } = serve();
    server.app.get('/admin', () => Promise.resolve({ admin: true }));
    const { url } = await server.start();
    expect((await fetch(`${url}/admin`)).status).toBe(200);
    await server.stop();
    await server.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

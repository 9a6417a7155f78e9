import type { FastifyInstance, FastifyReply } from 'fastify';
import { alertPage, alertsPage } from './alert-pages.js';
import type { AlertFilters, DashboardData } from './data.js';
import { CSS_PATH, messagePage } from './layout.js';
import { feedsPage, queuesPage } from './ops-pages.js';
import { DASHBOARD_CSS } from './styles.js';

/**
 * No script at all, styles only from this origin, no framing, forms only back here. Feed text is
 * escaped anyway; the policy is the second wall if an escape is ever missed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "script-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function html(reply: FastifyReply, body: string, code = 200): FastifyReply {
  return reply.code(code).type('text/html; charset=utf-8').send(body);
}

/** A query value as one trimmed string; repeated or empty parameters count as absent. */
function param(query: unknown, key: string): string | undefined {
  const v = (query as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Registers the dashboard's routes in their own scope, so its headers apply to them only. */
export function registerDashboardRoutes(
  app: FastifyInstance,
  data: DashboardData,
  now: () => number,
): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // Links go to news sites; they need not learn the dashboard's address.
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler(async (err, request, reply) => {
    request.log.error({ err, url: request.url }, 'dashboard page failed');
    return html(
      reply,
      messagePage('Dashboard error', 'The data could not be read; see the daemon log.'),
      500,
    );
  });

  app.get(CSS_PATH, (_request, reply) => reply.type('text/css; charset=utf-8').send(DASHBOARD_CSS));

  // Browsers ask for it on every page; a 404 would show as a console error.
  app.get('/favicon.ico', (_request, reply) => reply.code(204).send());

  app.get('/', async (request, reply) => {
    const filters: AlertFilters = {
      category: param(request.query, 'category'),
      watchlist: param(request.query, 'watchlist'),
    };
    const [list, charts] = await Promise.all([data.alerts(filters), data.charts()]);
    return html(reply, alertsPage(list, filters, charts, now()));
  });

  app.get<{ Params: { id: string } }>('/alerts/:id', async (request, reply) => {
    const entry = await data.alert(request.params.id);
    if (!entry) {
      return html(
        reply,
        messagePage(
          'Alert not found',
          'No alert with this id among the recent alerts the ledger keeps.',
        ),
        404,
      );
    }
    return html(reply, alertPage(entry, now()));
  });

  app.get('/feeds', async (_request, reply) => html(reply, feedsPage(await data.feeds(), now())));

  app.get('/queues', async (_request, reply) => {
    const [queues, charts] = await Promise.all([data.queues(), data.charts()]);
    return html(reply, queuesPage(queues, charts.itemsPerHour, now()));
  });
}

import type { FastifyInstance } from 'fastify';
import { createDashboardData, type DashboardDeps } from './data.js';
import { registerDashboardRoutes } from './routes.js';

export type { DashboardDeps } from './data.js';
export { CONTENT_SECURITY_POLICY } from './routes.js';

/**
 * Mounts the dashboard (`/`, `/alerts/<id>`, `/feeds`, `/queues`) on the ops server. Call before
 * the server starts; the server's basic auth, when configured, covers these routes.
 */
export async function mountDashboard(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const data = createDashboardData(deps);
  await app.register((scope) => {
    registerDashboardRoutes(scope, data, () => deps.clock.now());
    return Promise.resolve();
  });
}

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

export const ADMIN_PATH = '/admin/queues';

/**
 * Mounts Bull Board at /admin/queues. Read-only unless `http.adminReadOnly: false`, because
 * retrying or removing jobs from a browser bypasses the CLI's audit trail.
 */
export async function mountBullBoard(
  app: FastifyInstance,
  queues: readonly Queue[],
  readOnlyMode: boolean,
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(ADMIN_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode })),
    serverAdapter,
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: ADMIN_PATH });
}

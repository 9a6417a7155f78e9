import type { Redis } from 'ioredis';
import { runScript } from './scripts.js';

/**
 * A deployment's identity in Redis. Its absence, when the data folder remembers one, means Redis
 * lost everything (restarted without persistence, flushed, failed over to an empty replica).
 */
export interface Deployment {
  id: string;
  /** Epoch ms the identity was written. */
  createdAt: number;
  /**
   * Set when the identity was written after a data loss: a feed's first poll since then alerts
   * only items published after this (the seen-sets and the delivery ledger were lost with it).
   */
  resyncBefore?: number;
}

export function deploymentKey(prefix: string): string {
  return `${prefix}:deployment`;
}

function parse(flat: unknown): Deployment | undefined {
  if (!Array.isArray(flat) || flat.length === 0) return undefined;
  const h: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) h[String(flat[i])] = String(flat[i + 1]);
  if (!h.id) return undefined;
  const resync = Number(h.resyncBefore);
  return {
    id: h.id,
    createdAt: Number(h.createdAt) || 0,
    ...(h.resyncBefore && Number.isFinite(resync) ? { resyncBefore: resync } : {}),
  };
}

/** The deployment recorded in Redis, if any. */
export async function readDeployment(
  redis: Redis,
  prefix: string,
): Promise<Deployment | undefined> {
  const h = await redis.hgetall(deploymentKey(prefix));
  return parse(Object.entries(h).flat());
}

/**
 * Writes `wanted` unless Redis already holds a deployment (another process got there first), and
 * returns the one in force. Atomic.
 */
export async function claimDeployment(
  redis: Redis,
  prefix: string,
  wanted: Deployment,
): Promise<Deployment> {
  const flat = await runScript(
    redis,
    'deploymentClaim',
    [deploymentKey(prefix)],
    [wanted.id, wanted.createdAt, wanted.resyncBefore ?? ''],
  );
  return parse(flat) ?? wanted;
}

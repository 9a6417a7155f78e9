import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { claimDeployment, readDeployment, type Deployment } from '../store/deployment.js';

/** What the data folder remembers of the deployment, so a Redis that lost it can be told apart. */
export interface DeploymentMarker {
  id: string;
  /** Epoch ms of the last poll that reached a feed, as last written. */
  lastPollAt?: number;
}

/**
 * The marker's file, one per key prefix: deployments that share a data folder (or one whose prefix
 * changed) are different deployments, not one that lost its data.
 */
function markerFile(dataDir: string, prefix: string): string {
  return path.join(dataDir, `deployment.${encodeURIComponent(prefix)}.json`);
}

export async function readMarker(
  dataDir: string,
  prefix: string,
): Promise<DeploymentMarker | undefined> {
  try {
    const parsed = JSON.parse(await readFile(markerFile(dataDir, prefix), 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { id, lastPollAt } = parsed as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return undefined;
    return { id, ...(typeof lastPollAt === 'number' ? { lastPollAt } : {}) };
  } catch {
    return undefined;
  }
}

/** Writes the marker whole (temp file, then rename): a crash mid-write leaves the old one. */
export async function writeMarker(
  dataDir: string,
  prefix: string,
  marker: DeploymentMarker,
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = markerFile(dataDir, prefix);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(marker)}\n`);
  await rename(tmp, file);
}

/** What the comparison of Redis and the data folder means. */
export type DeploymentVerdict =
  | { kind: 'same' }
  /** Redis holds a deployment this folder does not know (first start here, or another host's). */
  | { kind: 'adopt' }
  /** Neither knows one: a new deployment. */
  | { kind: 'new'; claim: Deployment }
  /** The folder knows one and Redis holds none: Redis lost its data. */
  | { kind: 'lost'; claim: Deployment };

/**
 * Compares the deployment in Redis with the data folder's marker. After a loss, items are
 * alerted only when published after the last poll the folder remembers, or, when it remembers
 * none, after now: re-alerting everything a feed still carries would send each alert twice.
 */
export function judgeDeployment(
  inRedis: Deployment | undefined,
  marker: DeploymentMarker | undefined,
  now: number,
  newId: string = randomUUID(),
): DeploymentVerdict {
  if (inRedis) return marker?.id === inRedis.id ? { kind: 'same' } : { kind: 'adopt' };
  if (!marker) return { kind: 'new', claim: { id: newId, createdAt: now } };
  return {
    kind: 'lost',
    claim: { id: newId, createdAt: now, resyncBefore: marker.lastPollAt ?? now },
  };
}

/** The deployment in force after a check, and whether this check found the data lost. */
export interface DeploymentCheck {
  deployment: Deployment;
  lost: boolean;
}

/** Reads both sides, claims a deployment when Redis has none, and updates the marker. */
export async function checkDeployment(
  redis: Redis,
  prefix: string,
  dataDir: string,
  now: number,
): Promise<DeploymentCheck> {
  const [inRedis, marker] = await Promise.all([
    readDeployment(redis, prefix),
    readMarker(dataDir, prefix),
  ]);
  const verdict = judgeDeployment(inRedis, marker, now);
  const deployment =
    verdict.kind === 'same' || verdict.kind === 'adopt'
      ? inRedis!
      : await claimDeployment(redis, prefix, verdict.claim);
  if (marker?.id !== deployment.id) {
    await writeMarker(dataDir, prefix, { id: deployment.id, lastPollAt: marker?.lastPollAt });
  }
  // Another process may have claimed first; the loss is this one's finding only if its claim won.
  const lost = verdict.kind === 'lost' && deployment.id === verdict.claim.id;
  return { deployment, lost };
}

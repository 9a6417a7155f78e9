import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { oneShot } from './redis.js';
import { freePort, waitFor } from './wait.js';

const run = promisify(execFile);

/** Options of {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /** Masters; each gets one replica. @defaultValue 3 */
  masters?: number;
  /** `--cluster-node-timeout`: how long a silent master has before its replica takes over. @defaultValue 2000 */
  nodeTimeoutMs?: number;
}

/** One line of `CLUSTER NODES`. */
export interface ClusterNodeInfo {
  id: string;
  port: number;
  flags: string[];
  /** Id of the master this node replicates, or undefined for a master. */
  masterId: string | undefined;
  /** Slot ranges served (masters only), as `[from, to]`. */
  slots: [number, number][];
}

/** A local Redis Cluster of `redis-server` processes owned by one test. */
export interface RedisCluster {
  /** Ports of every node, started or killed. */
  readonly ports: readonly number[];
  /** `redis://127.0.0.1:<port>` of a node, a seed for cluster clients. */
  url(port: number): string;
  /** Ports whose process is still running. */
  alive(): number[];
  /** `CLUSTER NODES` as seen by the node on `port` (default: any live node). */
  nodes(port?: number): Promise<ClusterNodeInfo[]>;
  /** The master serving the slot `key` hashes to (a hash-tagged prefix names one slot). */
  masterOf(key: string): Promise<ClusterNodeInfo>;
  /** SIGKILL the node on `port`; resolves once the process has exited. */
  kill(port: number): Promise<void>;
  /**
   * Waits until a live node other than `deadPort` serves `slot` as master and every live node
   * says `cluster_state:ok`; resolves with that master.
   */
  waitForFailover(deadPort: number, slot: number, timeoutMs?: number): Promise<ClusterNodeInfo>;
  /** Kills every node and removes the data folder. */
  dispose(): Promise<void>;
}

/** Runs one command on one node over a short-lived plain connection. */
export function nodeCommand(port: number, ...args: string[]): Promise<unknown> {
  return oneShot(`redis://127.0.0.1:${port}`, (r) => r.call(args[0], ...args.slice(1)));
}

export function parseClusterNodes(text: string): ClusterNodeInfo[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, addr, flags, master, , , , , ...slots] = line.split(' ');
      return {
        id,
        port: Number(/:(\d+)@/.exec(addr)?.[1]),
        flags: flags.split(','),
        masterId: master === '-' ? undefined : master,
        slots: slots
          .filter((s) => !s.startsWith('['))
          .map((s) => {
            const [from, to] = s.split('-').map(Number);
            return [from, to ?? from] as [number, number];
          }),
      };
    });
}

const serves = (n: ClusterNodeInfo, slot: number) =>
  n.flags.includes('master') && n.slots.some(([from, to]) => slot >= from && slot <= to);

async function clusterOk(port: number): Promise<boolean> {
  const info = String(await nodeCommand(port, 'CLUSTER', 'INFO').catch(() => ''));
  return info.includes('cluster_state:ok');
}

/**
 * A master, or a replica whose link to its master is up: a replica that never synced counts
 * its data as too old and refuses to take over, so the cluster is not ready before this.
 */
async function replicaSynced(port: number): Promise<boolean> {
  const info = String(await nodeCommand(port, 'INFO', 'replication').catch(() => ''));
  return info.includes('role:master') || info.includes('master_link_status:up');
}

/**
 * Starts `masters × 2` `redis-server --cluster-enabled yes` processes (AOF on, no RDB) on free
 * ports, joins them with `redis-cli --cluster create … --cluster-replicas 1`, and resolves once
 * every node reports `cluster_state:ok`. Throws, after killing what it started, when a server
 * cannot start in cluster mode or the cluster does not form.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const count = (options.masters ?? 3) * 2;
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-fault-cluster-'));
  const procs = new Map<number, { child: ChildProcess; exited: Promise<void>; stderr: string }>();

  async function killPort(port: number): Promise<void> {
    const p = procs.get(port);
    if (!p) return;
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
  async function dispose(): Promise<void> {
    await Promise.all([...procs.keys()].map(killPort));
    await rm(dir, { recursive: true, force: true });
  }

  try {
    const ports: number[] = [];
    while (ports.length < count) {
      const port = await freePort();
      // The cluster bus listens on port + 10000, which must be free too.
      if (port + 10_000 < 65_536 && !ports.includes(port)) ports.push(port);
    }
    for (const port of ports) {
      const data = path.join(dir, String(port));
      await mkdir(data);
      const child = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--save', ''],
          ...['--cluster-enabled', 'yes', '--appendonly', 'yes', '--dir', data],
          ...['--cluster-config-file', path.join(dir, `nodes-${port}.conf`)],
          ...['--cluster-node-timeout', String(options.nodeTimeoutMs ?? 2000)],
          ...['--maxmemory-policy', 'noeviction'],
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const entry = { child, stderr: '', exited: Promise.resolve() };
      entry.exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const keep = (d: Buffer) => (entry.stderr = (entry.stderr + d.toString()).slice(-2000));
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      child.once('error', (err) => keep(Buffer.from(String(err))));
      procs.set(port, entry);
    }
    for (const port of ports) {
      const p = procs.get(port)!;
      await waitFor(
        async () => {
          if (p.child.exitCode !== null)
            throw new Error(`redis-server --cluster-enabled on ${port} exited: ${p.stderr}`);
          return (await nodeCommand(port, 'PING').catch(() => '')) === 'PONG';
        },
        10_000,
        `redis-server --cluster-enabled on ${port} to answer PING`,
        50,
      );
    }
    const create = await run(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        ...['--cluster-replicas', '1', '--cluster-yes'],
      ],
      { timeout: 30_000 },
    ).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`redis-cli --cluster create failed: ${err.message} ${err.stdout ?? ''}`);
    });
    await waitFor(
      async () =>
        (await Promise.all(ports.map(clusterOk))).every(Boolean) &&
        (await Promise.all(ports.map(replicaSynced))).every(Boolean),
      30_000,
      `cluster_state:ok and replicas in sync on every node (${create.stdout.slice(-300)})`,
      100,
    );

    const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
    const alive = () => ports.filter((p) => running(procs.get(p)!.child));
    const nodes = async (port = alive()[0]) =>
      parseClusterNodes(String(await nodeCommand(port, 'CLUSTER', 'NODES')));
    return {
      ports,
      url: (port) => `redis://127.0.0.1:${port}`,
      alive,
      nodes,
      async masterOf(key) {
        const slot = Number(await nodeCommand(alive()[0], 'CLUSTER', 'KEYSLOT', key));
        const master = (await nodes()).find((n) => serves(n, slot));
        if (!master) throw new Error(`no master serves slot ${slot}`);
        return master;
      },
      kill: killPort,
      async waitForFailover(deadPort, slot, timeoutMs = 30_000) {
        let master: ClusterNodeInfo | undefined;
        await waitFor(
          async () => {
            const live = alive().filter((p) => p !== deadPort);
            const seen = await nodes(live[0]).catch(() => []);
            master = seen.find((n) => n.port !== deadPort && serves(n, slot));
            return !!master && (await Promise.all(live.map(clusterOk))).every(Boolean);
          },
          timeoutMs,
          `a replica to take over slot ${slot} from ${deadPort}`,
          50,
        );
        return master!;
      },
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

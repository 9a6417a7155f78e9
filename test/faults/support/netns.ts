import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * A network namespace joined to this one by a veth pair, its end on a "public-class" address
 * (198.18.0.0/15, benchmarking: not loopback, private, link-local or multicast), so a server in
 * it is reached across real interfaces. Needs root and `ip`.
 */
export interface NetNs {
  /** The namespace side's address. */
  address: string;
  /** Runs a Node script inside the namespace with `args`; resolves once it prints `ready`. */
  run(script: string, args: string[]): Promise<ChildProcess>;
  dispose(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

/** Creates the namespace, or returns the reason it cannot be made here. */
export function createNetNs(): NetNs | { unavailable: string } {
  const id = randomBytes(3).toString('hex');
  const ns = `swt-${id}`;
  const host = `swh${id}`;
  const peer = `swn${id}`;
  const octet = 1 + (parseInt(id.slice(0, 2), 16) % 250);
  const children: ChildProcess[] = [];
  const dispose = () => {
    for (const c of children) c.kill('SIGKILL');
    for (const args of [
      ['link', 'del', host],
      ['netns', 'del', ns],
    ]) {
      try {
        ip(...args);
      } catch {
        // already gone (deleting the namespace removes the pair)
      }
    }
  };
  try {
    ip('netns', 'add', ns);
    ip('link', 'add', host, 'type', 'veth', 'peer', 'name', peer);
    ip('link', 'set', peer, 'netns', ns);
    ip('addr', 'add', `198.18.${octet}.1/30`, 'dev', host);
    ip('link', 'set', host, 'up');
    ip('-n', ns, 'addr', 'add', `198.18.${octet}.2/30`, 'dev', peer);
    ip('-n', ns, 'link', 'set', peer, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  } catch (err) {
    dispose();
    return { unavailable: (err as { stderr?: Buffer }).stderr?.toString().trim() || String(err) };
  }
  return {
    address: `198.18.${octet}.2`,
    dispose,
    run: (script, args) =>
      new Promise((resolve, reject) => {
        const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', script, ...args], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        children.push(child);
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`server in ${ns} exited with ${code}`)));
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('ready')) resolve(child);
        });
      }),
  };
}

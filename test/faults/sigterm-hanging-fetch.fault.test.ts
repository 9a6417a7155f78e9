import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deletePrefix } from '../helpers/redis.js';
import { killAllDaemons, spawnDaemon, waitFor, writeConfig } from './harness/index.js';

// A feed whose server accepts the connection and never answers, polled with a timeout far past
// the stop deadline: SIGTERM must not wait for that timeout. The stop deadline (8 s) aborts the
// fetch, the poll job goes back to the queue, and the process exits 0.

const STOP_DEADLINE_MS = 8000;

describe('SIGTERM with a feed fetch hanging', () => {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let dir = '';
  let prefix = '';
  afterEach(async () => {
    await killAllDaemons();
    for (const s of sockets) s.destroy();
    server?.close();
    if (prefix) await deletePrefix(prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 within the stop deadline plus 2 s, the fetch abandoned', async () => {
    let connections = 0;
    server = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    dir = await mkdtemp(path.join(tmpdir(), 'sw-hang-'));
    const config = await writeConfig(dir, {
      feeds: [{ name: 'hangs', url }],
      interval: '1h',
      extra: { poller: { timeout: '120s', connectTimeout: '5s' } },
    });
    prefix = config.prefix;
    const daemon = spawnDaemon({ config: config.path, role: 'all', env: config.env });
    await daemon.httpUrl();
    await waitFor(() => connections > 0, 90_000, 'the first poll to connect');

    const termAt = Date.now();
    daemon.kill('SIGTERM');
    const exit = await daemon.waitForExit(STOP_DEADLINE_MS + 20_000);
    const stopMs = Date.now() - termAt;
    expect(exit.code).toBe(0);
    expect(stopMs).toBeLessThan(STOP_DEADLINE_MS + 2000);
    expect(daemon.output()).toContain('did not finish before the deadline');
    expect(daemon.output()).not.toContain('FEED_TIMEOUT');
  });
});

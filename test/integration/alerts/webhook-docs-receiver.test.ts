import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookChannel } from '../../../src/alerts/channels/webhook.js';
import { isSwError } from '../../../src/errors.js';
import { repoRoot } from '../../helpers/config.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';

/** The Node.js receiver of docs/alerts.md, exactly as a reader would copy it. */
async function docsReceiver(): Promise<string> {
  const doc = await readFile(path.join(repoRoot, 'docs/alerts.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Node.js'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('no Node.js receiver in docs/alerts.md');
  return code;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const SECRET = `whsec_${Buffer.from('a receiver secret of 32 bytes!!!').toString('base64')}`;

describe('the webhook receiver written from docs/alerts.md', () => {
  let child: ChildProcess;
  let dir = '';
  let url = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sw-receiver-'));
    const file = path.join(dir, 'receiver.mjs');
    await writeFile(file, await docsReceiver());
    const port = await freePort();
    child = spawn(process.execPath, [file], {
      env: { ...process.env, SIEM_SECRET: SECRET, PORT: String(port) },
      stdio: 'ignore',
    });
    url = `http://127.0.0.1:${port}/hook`;
    for (let i = 0; i < 100; i++) {
      const up = await fetch(url, { method: 'POST', body: '{}' }).then(
        () => true,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    child.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts every delivery, signed the Standard Webhooks way with a whsec_ secret', async () => {
    const channel = createWebhookChannel({ name: 'siem', url, secret: SECRET });
    for (let i = 0; i < 3; i++) await channel.deliver(sampleAlert());
  });

  it('rejects a replay: the same alert signed ten minutes ago', async () => {
    const tenMinutesAgo = { now: () => Date.now() - 10 * 60_000 };
    const replay = createWebhookChannel({
      name: 'siem',
      url,
      secret: SECRET,
      clock: tenMinutesAgo,
    });
    const err = await replay.deliver(sampleAlert()).catch((e: unknown) => e);
    expect(isSwError(err, 'DELIVERY_PERMANENT')).toBe(true);
  });

  it('rejects a request signed with another secret', async () => {
    const forged = createWebhookChannel({ name: 'siem', url, secret: 'not the secret' });
    const err = await forged.deliver(sampleAlert()).catch((e: unknown) => e);
    expect(isSwError(err, 'DELIVERY_PERMANENT')).toBe(true);
  });
});

import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { repoRoot } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const errorLines: string[] = [];
const logger = pino({ level: 'error' }, { write: (l: string) => void errorLines.push(l) });

async function waitFor(cond: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

describe('watchlist hot reload, in the threads that match', () => {
  let app: App | undefined;
  let prefix = '';
  afterEach(async () => {
    await app?.stop(3000);
    await deletePrefix(prefix);
  });

  it('loads an added file and an edit in every thread, and refuses a broken file everywhere', async () => {
    prefix = randomPrefix('reload');
    const dir = await mkdtemp(path.join(tmpdir(), 'sw-reload-'));
    await cp(path.join(repoRoot, 'config/watchlists'), path.join(dir, 'watchlists'), {
      recursive: true,
    });
    const config = await loadConfigFromText(
      `redis: { url: "${REDIS_URL}", prefix: "${prefix}" }\nhttp: { enabled: false }\nwatchlists: ["watchlists/*.yaml"]\nmatcher: { threads: 2 }\n`,
      { file: path.join(dir, 'sw.yaml') },
    );
    app = createApp({ config, logger, role: 'matcher' });
    await app.start();
    const pool = app.matchers!;
    const probe = { title: 'Zorblatt Dynamics and Quux Holdings shipped rifles', body: '' };
    const names = async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 4; i++)
        for (const m of (await pool.match([probe]))[0].matches)
          if (m.kind === 'entity') seen.add(m.name);
      return [...seen].sort();
    };
    expect(await names()).toEqual([]);

    // Regression: a file added after start was never loaded (globs expanded once).
    const added = path.join(dir, 'watchlists/late-additions.yaml');
    await writeFile(
      added,
      'name: late-additions\nentries:\n  - { name: Zorblatt Dynamics, kind: organisation }\n',
    );
    await waitFor(() => pool.generation >= 1);
    expect(await names()).toEqual(['Zorblatt Dynamics']);

    const file = path.join(dir, 'watchlists/supplier-parties.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(
      file,
      `${original.trimEnd()}\n  - name: Quux Holdings\n    kind: organisation\n`,
    );
    await waitFor(() => pool.generation >= 2);
    expect(await names()).toEqual(['Quux Holdings', 'Zorblatt Dynamics']);

    await writeFile(added, 'name: [unclosed\n');
    expect(await app.reload()).toBe(false);
    // The refusal names the file, so the operator knows which edit to undo.
    const refused = errorLines
      .map((l) => JSON.parse(l) as { msg: string; reason?: string })
      .filter((l) => l.msg.startsWith('watchlist reload refused'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((l) => l.reason?.includes(added))).toBe(true);
    expect(await names()).toEqual(['Quux Holdings', 'Zorblatt Dynamics']);
  });
});

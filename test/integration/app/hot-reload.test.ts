import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.js';
import { loadConfigFromText } from '../../../src/config/load.js';
import { repoRoot } from '../../helpers/config.js';
import { REDIS_URL, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const logger = pino({ level: 'silent' });

async function waitFor(cond: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

describe('watchlist hot reload', () => {
  let app: App | undefined;
  let prefix = '';
  afterEach(async () => {
    await app?.stop(3000);
    await deletePrefix(prefix);
  });

  it('applies an edit within seconds and refuses a broken one, keeping the old lists', async () => {
    prefix = randomPrefix('reload');
    const dir = await mkdtemp(path.join(tmpdir(), 'sw-reload-'));
    await cp(path.join(repoRoot, 'config/watchlists'), path.join(dir, 'watchlists'), {
      recursive: true,
    });
    const config = await loadConfigFromText(
      `redis: { url: "${REDIS_URL}", prefix: "${prefix}" }\nhttp: { enabled: false }\nwatchlists: ["watchlists/*.yaml"]\n`,
      { file: path.join(dir, 'sw.yaml') },
    );
    app = createApp({ config, logger, role: 'matcher' });
    await app.start();
    const ctx = app.context!;
    const probe = {
      title: 'Zorblatt Dynamics shipped rifles',
      body: 'Zorblatt Dynamics shipped rifles to the rebels.',
    };
    expect(
      ctx.matcher.current.match(probe).matches.some((m) => m.name === 'Zorblatt Dynamics'),
    ).toBe(false);

    const file = path.join(dir, 'watchlists/supplier-parties.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(
      file,
      `${original.trimEnd()}\n  - name: Zorblatt Dynamics\n    kind: organisation\n`,
    );
    await waitFor(() => ctx.matcher.version >= 2);
    expect(ctx.matcher.version).toBe(2);
    expect(
      ctx.matcher.current.match(probe).matches.some((m) => m.name === 'Zorblatt Dynamics'),
    ).toBe(true);

    await writeFile(file, 'name: [unclosed\n');
    expect(await app.reload()).toBe(false);
    expect(ctx.matcher.version).toBe(2);
    expect(
      ctx.matcher.current.match(probe).matches.some((m) => m.name === 'Zorblatt Dynamics'),
    ).toBe(true);
  });
});

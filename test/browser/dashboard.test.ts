import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/config.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { REDIS_URL } from '../helpers/redis.js';
import { launchChromium, type Browser } from './chromium.js';

const SEED_TITLE = "Grinning Kim Jong-un and Putin's defence chief salute nuke as it rolls by";
const SHOTS = path.join(repoRoot, 'test-results');

interface Demo {
  dashboard: string;
  seedAlertId: string;
  stop(): Promise<CliRun>;
}

/** Spawns the built `sanctionwatch demo` and waits for the dashboard URL and the seed's alert line. */
function startDemo(timeoutMs: number): Promise<Demo> {
  if (!existsSync(path.join(repoRoot, 'dist/src/cli/commands/demo.js'))) {
    throw new Error('dist/ has no demo command: run `npm run build` first (`npm test` does)');
  }
  return new Promise((resolve, reject) => {
    let kill: (() => void) | undefined;
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      kill?.();
      reject(new Error(`demo did not alert on the seed article within ${timeoutMs} ms`));
    }, timeoutMs);
    const run = runCli(['demo'], {
      env: { REDIS_URL },
      onStdout: (stdout, k) => {
        kill = k;
        if (settled) return;
        const dashboard = /^Dashboard: (http:\/\/\S+)$/m.exec(stdout)?.[1];
        const seed = stdout
          .split('\n')
          .find((l) => l.startsWith('ALERT ') && l.includes(`"${SEED_TITLE}"`));
        const id = seed && / id=(\S+)$/.exec(seed)?.[1];
        if (dashboard && id) {
          settled = true;
          clearTimeout(timer);
          resolve({
            dashboard: dashboard.replace(/\/$/, ''),
            seedAlertId: id,
            stop: () => {
              k();
              return run;
            },
          });
        }
      },
    });
    void run.then((r) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`demo exited (${r.code}) before the seed alert:\n${r.stdout}\n${r.stderr}`));
    }, reject);
  });
}

describe('dashboard in a browser, on a running `sanctionwatch demo`', () => {
  let demo: Demo | undefined;
  let browser: Browser | undefined;
  let stopped: CliRun | undefined;

  afterAll(async () => {
    await browser?.close();
    stopped ??= await demo?.stop();
  });

  it('lists the seed article with highlighted evidence and opens its alert page', async () => {
    // In the test, not a hook: a missing chromium must show as this test failing, not skipped.
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
    demo = await startDemo(60_000);
    const { dashboard, seedAlertId } = demo;
    const page = await browser.context.newPage();
    const problems: string[] = [];
    // CSP violations and failed loads show up here; the page must have none.
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    const res = await page.goto(`${dashboard}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'none'");
    const card = page.locator(`article[data-alert-id="${seedAlertId}"]`);
    await card.waitFor({ timeout: 10_000 });
    await expect(card.locator('h3').textContent()).resolves.toBe(SEED_TITLE);
    expect(await card.locator('ul.evidence mark').count()).toBeGreaterThan(0);
    // The stylesheet loaded under the CSP: marks are painted.
    const markBg = await page.evaluate<string>(
      'getComputedStyle(document.querySelector("ul.evidence mark")).backgroundColor',
    );
    expect(markBg).toBe('rgb(253, 230, 138)');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-alerts.png'), fullPage: true });

    await card.locator('h3 a').click();
    await page.waitForURL(`**/alerts/${encodeURIComponent(seedAlertId)}`);
    await expect(page.locator('#alert-title').textContent()).resolves.toBe(SEED_TITLE);
    expect(await page.locator('#evidence mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-alert.png'), fullPage: true });

    for (const [p, table] of [
      ['/feeds', '#feeds'],
      ['/queues', '#queues'],
    ] as const) {
      const r = await page.goto(`${dashboard}${p}`);
      expect(r?.status()).toBe(200);
      expect(await page.locator(`${table} tbody tr`).count()).toBeGreaterThan(0);
      await page.screenshot({
        path: path.join(SHOTS, `dashboard-${p.slice(1)}.png`),
        fullPage: true,
      });
    }
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();

    // Stopped while the browser still holds its connections, as when an analyst's tab is open.
    stopped = await demo.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(/^Stopped: \d+ alerts, removed \d+ Redis keys$/m);
    // A browser and a daemon on a shared, busy machine: generous, and no assertion on speed.
  }, 120_000);
});

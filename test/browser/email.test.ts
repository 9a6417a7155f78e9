import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createChannels, type EmailChannel } from '../../src/alerts/channels/index.js';
import type { Alert } from '../../src/alerts/types.js';
import { splitPart, textPart } from '../../src/demo/mime.js';
import { createLogger } from '../../src/logger.js';
import { repoRoot } from '../helpers/config.js';
import { startSmtp } from '../integration/alerts/peers.js';
import { sampleAlert } from '../unit/alerts/fixtures.js';
import { launchChromium, type Browser } from './chromium.js';

const SHOTS = path.join(repoRoot, 'test-results');
const PUBLIC_URL = 'https://sanctionwatch.example.org/desk';
const ARTICLE = 'https://news.example/a?b=1&c=2';
const HOSTILE_TITLE =
  '<script>alert(1)</script><img src=x onerror="alert(2)"> Arms shipment leaves Nampo';

const hostile: Alert = sampleAlert({
  item: {
    key: 'k-hostile',
    title: HOSTILE_TITLE,
    link: ARTICLE,
    published: '2026-03-14T08:30:00.000Z',
    feed: 'wire <b>desk</b>',
  },
  evidence: [
    'North Korea paraded ICBMs while Sergei Shoigu watched.',
    'Officials said <img src=y onerror="alert(3)"> the supply of weapons to Russia would breach resolutions.',
  ],
  matches: [
    ...sampleAlert().matches,
    {
      kind: 'term',
      list: 'vocabulary.transfer_anaphora',
      name: 'transfer_anaphora',
      text: 'the supply',
      start: 0,
      end: 0,
    },
  ],
  reasons: {
    arms_transfer: ['arms or materiel and a transfer predicate in one sentence'],
    un_violation: ['party under UN sanctions named'],
  },
});

let browser: Browser | undefined;
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});
afterAll(async () => {
  await browser?.close();
});

/** A real SMTP server and the e-mail channel built from a config with `http.publicUrl`. */
async function deskChannel() {
  const smtp = await startSmtp({ user: 'desk', pass: 'pw' });
  closers.push(smtp.close);
  const channels = createChannels(
    {
      channels: [
        {
          name: 'desk',
          type: 'email',
          smtp: smtp.url,
          from: 'sanctionwatch@example.org',
          to: ['analyst@example.org'],
        },
      ],
      baseDir: repoRoot,
      dataDir: 'data',
      http: { publicUrl: PUBLIC_URL },
    },
    { logger: createLogger({ level: 'silent' }) },
  );
  const channel = channels.get('desk') as EmailChannel;
  closers.push(() => channel.close());
  return { smtp, channel };
}

/** The HTML part of a delivered message, as a mail client would decode it. */
function htmlOf(raw: string): string {
  const html = textPart(splitPart(raw), 'html');
  expect(html, 'the e-mail has a text/html part').toBeDefined();
  return html!;
}

/** Opens the e-mail's HTML with scripts enabled and no network, recording any dialog or error. */
async function open(html: string): Promise<{ page: Page; problems: string[] }> {
  browser ??= await launchChromium();
  const page = await browser.context.newPage();
  closers.push(() => page.close());
  const problems: string[] = [];
  // A script from the feed that ran would show up as a dialog (alert) or a page error.
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.route('**/*', (route) => route.abort());
  await page.setViewportSize({ width: 760, height: 900 });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, problems };
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

async function hrefs(page: Page, selector: string): Promise<string[]> {
  const links = await page.locator(selector).all();
  return Promise.all(links.map(async (a) => (await a.getAttribute('href')) ?? ''));
}

describe('e-mail in a browser, as delivered over SMTP', () => {
  it('shows one alert: hostile title as text, highlighted evidence, alert and article links', async () => {
    await mkdir(SHOTS, { recursive: true });
    const { smtp, channel } = await deskChannel();
    await channel.deliver(hostile);
    expect(smtp.mails).toHaveLength(1);
    const { page, problems } = await open(htmlOf(smtp.mails[0].raw));

    // The feed's markup is text: no element came from it, nothing ran.
    await expect(texts(page, 'h1')).resolves.toEqual([HOSTILE_TITLE]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('b').count()).toBe(0);
    await expect(page.title()).resolves.toContain(HOSTILE_TITLE);

    const marks = await texts(page, '.sw-evidence mark');
    expect(marks).toEqual(['North Korea', 'Sergei Shoigu', 'the supply']);
    // Inline styles survive: the highlight is painted.
    const markBg = await page.evaluate<string>(
      'getComputedStyle(document.querySelector(".sw-evidence mark")).backgroundColor',
    );
    expect(markBg).toBe('rgb(255, 224, 102)');
    const evidence = await texts(page, '.sw-evidence');
    expect(evidence[1]).toContain('<img src=y onerror="alert(3)">');

    await expect(hrefs(page, 'a.sw-alert-link')).resolves.toEqual([
      `${PUBLIC_URL}/alerts/${hostile.id}`,
    ]);
    await expect(hrefs(page, 'a.sw-title-link')).resolves.toEqual([ARTICLE]);
    await expect(hrefs(page, 'a.sw-article-link')).resolves.toEqual([ARTICLE]);

    const body = await page.innerText('body');
    expect(body).toContain('arms or materiel and a transfer predicate in one sentence');
    expect(body).toContain('Sergei Shoigu X.1');
    expect(body).toContain('watchlist sanctioned-states');
    expect(body).toContain('14 Mar 2026, 08:30 UTC');
    expect(body).toContain('wire <b>desk</b>');
    expect(body).not.toMatch(/vocabulary|transfer_anaphora/);
    // The card fits a mail client's reading pane: nothing wider than the viewport.
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await page.screenshot({ path: path.join(SHOTS, 'email-alert.png'), fullPage: true });
    expect(problems, problems.join('\n')).toEqual([]);
  }, 60_000);

  it('shows a digest: its subject counts the alerts, each alert links to its page', async () => {
    await mkdir(SHOTS, { recursive: true });
    const { smtp, channel } = await deskChannel();
    const second = sampleAlert({
      id: 'a_fedcba9876543210fedcba98',
      categories: ['un_violation'],
      item: {
        key: 'k2',
        title: 'Panel of Experts reports ship-to-ship transfers off Nampo',
        link: 'https://news.example/panel',
        feed: 'un-news',
      },
      evidence: [
        'The Panel said North Korea received refined petroleum in ship-to-ship transfers.',
      ],
      reasons: { un_violation: ['a violation predicate tied to a UN sanctions reference'] },
    });
    await channel.deliverDigest([hostile, second]);
    expect(smtp.mails).toHaveLength(1);
    const raw = smtp.mails[0].raw;
    expect(splitPart(raw).headers.get('subject')).toBe(
      '[sanctionwatch] Digest: 2 alerts (arms_transfer, un_violation)',
    );
    const { page, problems } = await open(htmlOf(raw));

    await expect(texts(page, 'h1')).resolves.toEqual([
      HOSTILE_TITLE,
      'Panel of Experts reports ship-to-ship transfers off Nampo',
    ]);
    expect(await page.locator('script, img').count()).toBe(0);
    expect(await page.textContent('body')).toContain('2 alerts in this digest');
    await expect(hrefs(page, 'a.sw-alert-link')).resolves.toEqual([
      `${PUBLIC_URL}/alerts/${hostile.id}`,
      `${PUBLIC_URL}/alerts/${second.id}`,
    ]);
    const marks = await texts(page, '.sw-evidence mark');
    expect(marks).toEqual(['North Korea', 'Sergei Shoigu', 'the supply', 'North Korea']);

    await page.screenshot({ path: path.join(SHOTS, 'email-digest.png'), fullPage: true });
    expect(problems, problems.join('\n')).toEqual([]);
  }, 60_000);

  it('reads an Arabic alert right to left inside the left-to-right card', async () => {
    await mkdir(SHOTS, { recursive: true });
    const { smtp, channel } = await deskChannel();
    const arabic = sampleAlert({
      id: 'a_0123456789abcdef01234567',
      item: {
        key: 'k-ar',
        title: 'ضبط شحنة أسلحة إيرانية متجهة إلى الحوثيين في بحر العرب',
        link: 'https://news.example/ar',
        feed: 'aljazeera-ar',
        language: 'ar',
      },
      evidence: ['وقالت البحرية إن السفينة كانت تحمل صواريخ مضادة للدروع إلى اليمن.'],
    });
    await channel.deliver(arabic);
    const { page, problems } = await open(htmlOf(smtp.mails[0].raw));
    const direction = (selector: string) =>
      page.evaluate<string>(`getComputedStyle(document.querySelector('${selector}')).direction`);
    await expect(direction('h1')).resolves.toBe('rtl');
    await expect(direction('.sw-evidence')).resolves.toBe('rtl');
    await expect(page.getAttribute('h1', 'lang')).resolves.toBe('ar');
    // The card's own labels stay left to right.
    await expect(direction('body')).resolves.toBe('ltr');
    await page.screenshot({ path: path.join(SHOTS, 'email-arabic.png'), fullPage: true });
    expect(problems, problems.join('\n')).toEqual([]);
  }, 60_000);
});

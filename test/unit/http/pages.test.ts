import { describe, expect, it } from 'vitest';
import type { RecentAlert } from '../../../src/store/ledger.js';
import { alertPage, alertsPage } from '../../../src/http/dashboard/alert-pages.js';
import type { FeedHealth } from '../../../src/http/dashboard/data.js';
import { feedsPage, queuesPage } from '../../../src/http/dashboard/ops-pages.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const XSS = '<script>alert(1)</script>';

function hostileAlert(): RecentAlert {
  return {
    alert: {
      id: 'a_"><script>',
      createdAt: '2026-11-27T11:58:00Z',
      route: 0,
      item: {
        key: 'k',
        title: `${XSS} "quoted" & 'single'`,
        link: 'javascript:alert(1)',
        published: `<img src=x onerror=alert(3)>`,
        feed: `<b>feed</b>`,
      },
      categories: ['arms_transfer', '<i>cat</i>'],
      score: 0.875,
      matches: [
        {
          kind: 'entity',
          list: '<u>list</u>',
          name: 'Korea <em>DPRK</em>',
          ref: '"><script>',
          text: 'North <Korea>',
          start: 0,
          end: 5,
        },
      ],
      evidence: [`Missiles went from North <Korea> to Russia ${XSS}.`],
      reasons: { arms_transfer: [`<svg onload=alert(4)>`] },
    },
    deliveries: { '<c>': { state: 'failed', at: '2026-11-27T11:59:00Z', error: XSS } },
  };
}

const charts = {
  itemsPerHour: [{ bucket: '2026-11-27T11', count: 4 }],
  alertsPerDay: [{ bucket: '2026-11-27', count: 1 }],
};

/** Every tag in the page is one the templates write themselves. */
function tags(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()));
}
const ALLOWED = new Set(
  'html head meta title link body header strong nav a main h1 h2 h3 p div span section article ul li mark form label select option button figure figcaption svg line text rect table thead tbody tr th td dl dt dd code br time'.split(
    ' ',
  ),
);

/** No unknown element, and no handler, inline style or script URL in any tag's attributes. */
function expectInert(html: string) {
  for (const t of tags(html)) expect(ALLOWED, `unexpected <${t}>`).toContain(t);
  for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    expect(tag).not.toMatch(/\son\w+=|\sstyle=|javascript:/i);
  }
}

describe('dashboard templates escape everything from feeds', () => {
  it('alert list: hostile title, evidence, names, categories and filters', () => {
    const entry = hostileAlert();
    const html = alertsPage(
      { alerts: [entry], total: 1, categories: ['<i>cat</i>'], watchlists: ['<u>list</u>'] },
      { category: '"><script>', watchlist: '<u>list</u>' },
      charts,
      NOW,
    );
    expectInert(html);
    expect(html).toContain(
      '&#60;script&#62;alert(1)&#60;/script&#62; &#34;quoted&#34; &#38; &#39;single&#39;',
    );
    expect(html).toContain('<mark>North &#60;Korea&#62;</mark>');
    expect(html).toContain('<mark>Korea &#60;em&#62;DPRK&#60;/em&#62;</mark>');
    expect(html).toContain('href="/alerts/a_%22%3E%3Cscript%3E"');
    expect(html).toContain('href="/?watchlist=%3Cu%3Elist%3C%2Fu%3E"');
    expect(html).toContain('<option value="&#60;u&#62;list&#60;/u&#62;" selected>');
  });

  it('alert page: no javascript: link, hostile reasons and delivery errors escaped', () => {
    const html = alertPage(hostileAlert(), NOW);
    expectInert(html);
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&#60;img src=x onerror=alert(3)&#62;');
    expect(html).toContain('&#60;svg onload=alert(4)&#62;');
    expect(html).toContain('<td>&#60;c&#62;</td>');
    expect(html).toContain('0.88');
  });

  it('alert page: an http link is kept, attribute-escaped, and opens without a referrer', () => {
    const entry = hostileAlert();
    entry.alert.item.link = 'https://example.org/a?x="1"&y=<2>';
    const html = alertPage(entry, NOW);
    expect(html).toContain(
      '<a href="https://example.org/a?x=%221%22&#38;y=%3C2%3E" rel="noopener noreferrer nofollow">',
    );
  });

  it('feed and queue pages escape feed names, URLs and error texts', () => {
    const feed: FeedHealth = {
      name: '<b>f</b>',
      url: 'https://example.org/"><script>',
      polls: 4,
      notModifiedShare: 0.5,
      state: {
        consecutiveFailures: 2,
        gone: false,
        notModifiedCount: 2,
        lastAttempt: NOW - 60_000,
        lastStatus: '<503>',
        lastError: XSS,
        lastErrorCode: 'FEED_HTTP',
        nextPollAt: NOW + 120_000,
        backoffUntil: NOW + 120_000,
        items: 7,
      },
    };
    const feeds = feedsPage([feed], NOW);
    expectInert(feeds);
    expect(feeds).toContain('class="badge-bad">failing<');
    expect(feeds).toContain('50% <span class="muted">of 4</span>');
    expect(feeds).toContain('1m ago');
    expect(feeds).toContain('in 2m');
    const queues = queuesPage(
      [{ name: '<q>', counts: { waiting: 3 }, lastMinute: 1, lastHour: 2, failedLastHour: 0 }],
      charts.itemsPerHour,
      NOW,
    );
    expectInert(queues);
    expect(queues).toContain('data-queue="&#60;q&#62;"');
  });
});

describe('dashboard: right-to-left items', () => {
  it('sets dir="auto" and the language on the title and evidence of an Arabic alert', () => {
    const entry = hostileAlert();
    entry.alert.item = { key: 'k', title: 'شحنة أسلحة إلى الحوثيين', feed: 'ar', language: 'ar' };
    entry.alert.evidence = ['ضبطت البحرية شحنة أسلحة.'];
    const page = alertPage(entry, NOW);
    expect(page).toMatch(/<h1 id="alert-title" lang="ar" dir="auto">/u);
    expect(page).toMatch(/<li lang="ar" dir="auto">/u);
    const list = alertsPage(
      { alerts: [entry], total: 1, categories: [], watchlists: [] },
      {},
      charts,
      NOW,
    );
    expect(list).toMatch(/<h3 lang="ar" dir="auto">/u);
  });
});

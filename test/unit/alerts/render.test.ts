import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MARK, renderAlert, renderDigest } from '../../../src/alerts/email/index.js';
import {
  escapeHtml,
  highlight,
  MAX_SUBJECT_LENGTH,
  renderDigestSubject,
  renderSubject,
  feedTextAttrs,
  safeHref,
} from '../../../src/alerts/render.js';
import { sampleAlert } from './fixtures.js';

const hostileTitle = '<script>alert(1)</script> Arms\r\nBcc: someone@evil.example\u0000\u2028x';

describe('render', () => {
  it('makes a one-line subject without control characters, capped', () => {
    const subject = renderSubject(
      sampleAlert({ item: { ...sampleAlert().item, title: hostileTitle } }),
    );
    expect(subject).toBe(
      '[sanctionwatch] arms_transfer, un_violation: <script>alert(1)</script> Arms Bcc: someone@evil.example x',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (title) => {
        const s = renderSubject(sampleAlert({ item: { ...sampleAlert().item, title } }));
        // eslint-disable-next-line no-control-regex -- asserting their absence
        expect(s).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
        expect(s.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
        expect(s.startsWith('[sanctionwatch] arms_transfer, un_violation: ')).toBe(true);
      }),
    );
  });

  it('escapes every feed string in the HTML and links only to http(s)', () => {
    const alert = sampleAlert({
      item: {
        key: 'k',
        title: hostileTitle,
        link: 'javascript:alert(1)',
        feed: '<b>feed</b>',
        published: '"x"',
      },
      evidence: ['<img src=x onerror=alert(1)> North Korea & "Sergei Shoigu"'],
      matches: [{ kind: 'term', list: '<l>', name: '<n>', text: 'North Korea', start: 0, end: 1 }],
    });
    const { html, text } = renderAlert(alert);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>feed');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain(`${MARK}North Korea</mark> &#38; &#34;Sergei Shoigu&#34;`);
    expect(html).not.toContain('&#60;l&#62;');
    expect(html).not.toContain('&#60;n&#62;');
    expect(text).not.toContain('javascript:');
    expect(text.split('\n')[0]).toBe('<script>alert(1)</script> Arms Bcc: someone@evil.example x');
  });

  it('marks the quoted title and evidence dir="auto" with the item language', () => {
    const { html } = renderAlert(
      sampleAlert({
        item: { key: 'k', title: 'شحنة أسلحة إلى الحوثيين', feed: 'ar', language: 'ar' },
        evidence: ['ضبطت البحرية شحنة أسلحة.'],
      }),
    );
    expect(html).toMatch(/<h1[^>]* lang="ar" dir="auto">/u);
    expect(html).toMatch(/class="sw-evidence" lang="ar" dir="auto">/u);
  });

  it('never puts a hostile language tag into an attribute', () => {
    expect(feedTextAttrs('"><script>')).toBe(' dir="auto"');
    expect(feedTextAttrs(undefined)).toBe(' dir="auto"');
    expect(feedTextAttrs('zh-Hant')).toBe(' lang="zh-Hant" dir="auto"');
  });

  it('highlights matched terms, longest first, case-insensitively', () => {
    expect(highlight('Korea and north korea <3', ['Korea', 'North Korea'])).toBe(
      '<mark>Korea</mark> and <mark>north korea</mark> &#60;3',
    );
    expect(highlight('nothing here', ['x', ''])).toBe('nothing here');
    expect(highlight('a Korea', ['korea'], '<mark class="x">')).toBe(
      'a <mark class="x">Korea</mark>',
    );
  });

  it('links to the item in both parts', () => {
    const { html, text } = renderAlert(sampleAlert());
    // The title and the "Read the article" button both link to it.
    expect(html.match(/<a href="https:\/\/news\.example\/a\?b=1&#38;c=2"/g)).toHaveLength(2);
    expect(html).toMatch(/class="sw-title-link">North Korea parades ICBMs<\/a>/);
    expect(text).toContain('Link: https://news.example/a?b=1&c=2');
    expect(safeHref('ftp://x/y')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
    expect(escapeHtml(`<>&"'`)).toBe('&#60;&#62;&#38;&#34;&#39;');
  });

  it('links to the alert page only with a public URL', () => {
    const alert = sampleAlert();
    const withUrl = renderAlert(alert, { publicUrl: 'https://sw.example/desk/' });
    const page = `https://sw.example/desk/alerts/${alert.id}`;
    expect(withUrl.html).toContain(`<a href="${page}"`);
    expect(withUrl.html).toContain('>Open the alert</a>');
    expect(withUrl.text).toContain(`Alert page: ${page}`);
    const without = renderAlert(alert);
    expect(without.html).not.toContain('/alerts/');
    expect(without.html).not.toContain('Open the alert');
    expect(without.text).not.toContain('Alert page:');
  });

  it('gives reasons in words and names watchlist entries, never vocabulary group ids', () => {
    const alert = sampleAlert({
      matches: [
        ...sampleAlert().matches,
        {
          kind: 'term',
          list: 'vocabulary.transfer_anaphora',
          name: 'transfer_anaphora',
          text: 'paraded',
          start: 12,
          end: 19,
        },
        {
          kind: 'entity',
          list: 'sanctioned-states',
          name: "Democratic People's Republic of Korea",
          text: 'Pyongyang',
          start: 60,
          end: 69,
        },
        {
          kind: 'reference',
          list: 'un-references',
          name: 'Security Council resolutions',
          text: 'Security Council resolutions',
          start: 70,
          end: 98,
        },
      ],
      reasons: {
        arms_transfer: ['arms or materiel and a transfer predicate in one sentence'],
        un_violation: ['party under UN sanctions named'],
      },
    });
    const { html, text } = renderAlert(alert);
    for (const part of [html, text]) {
      expect(part).not.toContain('vocabulary');
      expect(part).not.toContain('transfer_anaphora');
      expect(part).toContain('arms or materiel and a transfer predicate in one sentence');
      expect(part).toContain('UN sanctions violation');
      expect(part).toContain('Security Council resolutions');
    }
    expect(html).toContain('<strong>arms transfer</strong>: arms or materiel and a transfer');
    expect(html).toContain(`${MARK}paraded</mark>`);
    expect(html).toMatch(
      /Democratic People&#39;s Republic of Korea<\/strong>.*North Korea.*Pyongyang.*watchlist sanctioned-states/,
    );
    expect(text).toContain(
      `  - Democratic People's Republic of Korea (as "North Korea", "Pyongyang") · watchlist sanctioned-states`,
    );
    expect(text).toContain('  - Sergei Shoigu [X.1] · watchlist people');
    expect(text).toContain('  > *North Korea* *paraded* ICBMs while *Sergei Shoigu* watched.');
    expect(text).toContain('Published: 27 Jul 2023, 10:00 UTC');
    // The fields the demo's SMTP catcher reads keep their form.
    expect(text.split('\n').slice(0, 5)).toEqual([
      'North Korea parades ICBMs',
      '',
      'Categories: arms_transfer, un_violation',
      'Score: 0.93',
      'Feed: un-news',
    ]);
  });

  it('lays the HTML out in tables with inline styles only', () => {
    const { html } = renderAlert(sampleAlert(), { publicUrl: 'https://sw.example' });
    expect(html).toContain('<table role="presentation"');
    expect(html).not.toMatch(/<style|<link|<script/i);
    expect(html).not.toMatch(/\sclass="(?!sw-)/);
  });

  it('renders a digest of several alerts, its subject saying so', () => {
    const alerts = [
      sampleAlert(),
      sampleAlert({
        id: 'a_2',
        categories: ['un_violation'],
        item: { ...sampleAlert().item, title: 'Second <one>' },
      }),
    ];
    const d = renderDigest(alerts, { publicUrl: 'https://sw.example' });
    expect(d.subject).toBe('[sanctionwatch] Digest: 2 alerts (arms_transfer, un_violation)');
    expect(d.html).toContain('Second &#60;one&#62;');
    expect(d.html).not.toContain('Second <one>');
    expect(d.html).toContain('2 alerts in this digest');
    expect(d.html).toContain('href="https://sw.example/alerts/a_2"');
    expect(d.html).toContain(`href="https://sw.example/alerts/${alerts[0].id}"`);
    expect(d.text).toContain('sanctionwatch digest: 2 alerts');
    expect(d.text).toContain('  2. Second <one> (un_violation)');
    expect(d.text).toContain('North Korea parades ICBMs');
    expect(renderDigestSubject([sampleAlert()])).toBe(
      '[sanctionwatch] Digest: 1 alert (arms_transfer, un_violation)',
    );
    expect(renderDigestSubject([])).toBe('[sanctionwatch] Digest: 0 alerts');
  });
});

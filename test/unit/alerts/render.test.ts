import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  escapeHtml,
  highlight,
  MAX_SUBJECT_LENGTH,
  renderAlert,
  renderDigest,
  renderSubject,
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
    expect(html).toContain('<mark>North Korea</mark> &#38; &#34;Sergei Shoigu&#34;');
    expect(text).not.toContain('javascript:');
    expect(text.split('\n')[0]).toBe('<script>alert(1)</script> Arms Bcc: someone@evil.example x');
  });

  it('highlights matched terms, longest first, case-insensitively', () => {
    expect(highlight('Korea and north korea <3', ['Korea', 'North Korea'])).toBe(
      '<mark>Korea</mark> and <mark>north korea</mark> &#60;3',
    );
    expect(highlight('nothing here', ['x', ''])).toBe('nothing here');
  });

  it('links to the item in both parts', () => {
    const { html, text } = renderAlert(sampleAlert());
    expect(html).toContain('<a href="https://news.example/a?b=1&#38;c=2">');
    expect(text).toContain('Link: https://news.example/a?b=1&c=2');
    expect(safeHref('ftp://x/y')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
    expect(escapeHtml(`<>&"'`)).toBe('&#60;&#62;&#38;&#34;&#39;');
  });

  it('renders a digest of several alerts', () => {
    const d = renderDigest([
      sampleAlert(),
      sampleAlert({
        id: 'a_2',
        categories: ['un_violation'],
        item: { ...sampleAlert().item, title: 'Second <one>' },
      }),
    ]);
    expect(d.subject).toBe('[sanctionwatch] arms_transfer, un_violation: 2 alerts');
    expect(d.html).toContain('Second &#60;one&#62;');
    expect(d.text).toContain('North Korea parades ICBMs');
    expect(d.text).toContain('Second <one>');
  });
});

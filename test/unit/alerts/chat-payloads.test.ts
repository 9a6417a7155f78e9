import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  capMarkup,
  escapeMarkdown,
  escapeSlack,
  escapeTelegram,
  highlightFor,
} from '../../../src/alerts/chat/escape.js';
import { matrixTxnId, ntfyPriority, ntfyTarget } from '../../../src/alerts/chat/messages.js';
import { retryAfterFromBody } from '../../../src/alerts/chat/send.js';
import { slackPayload } from '../../../src/alerts/chat/slack.js';
import { renderBody, templateView } from '../../../src/alerts/chat/view.js';
import { DEFAULT_TEMPLATES } from '../../../src/alerts/chat/templates.js';
import { channelSchema, configSchema } from '../../../src/config/schema.js';
import { sampleAlert } from './fixtures.js';

const HOSTILE = '<b>x</b> & <@everyone> *bold* </a>';

describe('escaping per service', () => {
  it('escapes what each markup interprets', () => {
    expect(escapeSlack(HOSTILE)).toBe(
      '&lt;b&gt;x&lt;/b&gt; &amp; &lt;@everyone&gt; *bold* &lt;/a&gt;',
    );
    expect(escapeTelegram(`${HOSTILE} "q"`)).toBe(
      '&lt;b&gt;x&lt;/b&gt; &amp; &lt;@everyone&gt; *bold* &lt;/a&gt; &quot;q&quot;',
    );
    expect(escapeMarkdown(HOSTILE)).toBe(
      '\\<b\\>x\\</b\\> & \\<@\u200beveryone\\> \\*bold\\* \\</a\\>',
    );
  });

  it('emphasises matches in the markup of the channel, escaping the rest', () => {
    const s = 'Arms <to> North Korea & more';
    expect(highlightFor('slack', s, ['north korea'])).toBe(
      'Arms &lt;to&gt; *North Korea* &amp; more',
    );
    expect(highlightFor('telegram', s, ['North Korea'])).toBe(
      'Arms &lt;to&gt; <b>North Korea</b> &amp; more',
    );
    expect(highlightFor('plain', s, ['North Korea'])).toBe('Arms <to> «North Korea» & more');
  });

  it('cuts without leaving half an entity or an unclosed tag', () => {
    expect(capMarkup('abc &amp; def', 7, 'slack')).toBe('abc …');
    expect(capMarkup('<b>abcdef</b>', 8, 'telegram')).toBe('abcdef');
    expect(capMarkup('<b>abcdefghij</b>', 6, 'telegram')).toBe('abcde…');
    expect(capMarkup('ab\\*cd', 4, 'markdown')).toBe('ab…');
  });
});

describe('template view and bodies', () => {
  it('gives the documented fields, categories in words, entities only', () => {
    const view = templateView(
      sampleAlert({ reasons: { un_violation: ['r1', 'r1'], arms_transfer: ['r2'] } }),
      'slack',
      'https://sw.example/',
    );
    expect(view).toMatchObject({
      title: 'North Korea parades ICBMs',
      link: 'https://news.example/a?b=1&c=2',
      categories: 'arms transfer, UN sanctions violation',
      score: '0.93',
      reasons: ['r1', 'r2'],
      who: "Democratic People's Republic of Korea, Sergei Shoigu [X.1]",
      alertUrl: 'https://sw.example/alerts/a_0123456789abcdef01234567',
    });
    expect(view.entities[1]).toEqual({
      name: 'Sergei Shoigu',
      list: 'people',
      ref: 'X.1',
      text: 'Sergei Shoigu',
    });
  });

  it('drops evidence sentences before it exceeds the limit', () => {
    const alert = sampleAlert({ evidence: ['a'.repeat(500), 'b'.repeat(500), 'c'.repeat(500)] });
    const body = renderBody(alert, {
      template: DEFAULT_TEMPLATES.ntfy,
      markup: 'plain',
      max: 1200,
    });
    expect(body.length).toBeLessThanOrEqual(1200);
    expect(body).toContain('a'.repeat(500));
    expect(body).not.toContain('c'.repeat(500));
  });

  it('a custom template from docs/alerts.md changes the Slack message as documented', () => {
    const doc = readFileSync(new URL('../../../docs/alerts.md', import.meta.url), 'utf8');
    const block = (marker: string, lang: string) =>
      new RegExp(`<!-- ${marker} -->\\s*\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(doc)![1];
    const yaml = parse(
      // As the config loader would interpolate it from the environment.
      block('slack-template-example', 'yaml').replace(
        '${SLACK_WEBHOOK_URL}',
        'https://hooks.slack.com/services/T0/B0/x',
      ),
    ) as { channels: unknown[] };
    const channel = channelSchema.parse(yaml.channels[0]) as { template?: string };
    const msg = slackPayload(sampleAlert(), { template: channel.template! }) as {
      blocks: Array<{ type: string; text?: { text: string } }>;
    };
    const section = msg.blocks.find((b) => b.type === 'section' && b.text);
    expect(section?.text?.text).toBe(block('slack-template-result', 'text').trimEnd());
    const builtIn = slackPayload(sampleAlert()) as typeof msg;
    expect(builtIn.blocks.find((b) => b.type === 'section' && b.text)?.text?.text).not.toBe(
      section?.text?.text,
    );
  });

  it('refuses a template that does not parse, at config load', () => {
    const r = channelSchema.safeParse({
      name: 's',
      type: 'slack',
      url: 'https://hooks.example/x',
      template: '{{#evidence}}unclosed',
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('invalid template');
  });
});

describe('service details', () => {
  it('derives one Matrix transaction id per alert and channel', () => {
    expect(matrixTxnId('a_1', 'mx')).toBe(matrixTxnId('a_1', 'mx'));
    expect(matrixTxnId('a_1', 'mx')).not.toBe(matrixTxnId('a_1', 'mx2'));
    expect(matrixTxnId('a_1', 'mx')).not.toBe(matrixTxnId('a_2', 'mx'));
  });

  it('maps score to ntfy priority and splits a topic URL', () => {
    expect([0.95, 0.9, 0.8, 0.5].map(ntfyPriority)).toEqual([5, 5, 4, 3]);
    expect(ntfyTarget('https://ntfy.example/sub/desk')).toEqual({
      base: 'https://ntfy.example/sub/',
      topic: 'desk',
    });
  });

  it('reads the wait from Discord, Telegram and Matrix answers', () => {
    expect(retryAfterFromBody({ retry_after: 0.25, global: false })).toBe(250);
    expect(retryAfterFromBody({ ok: false, parameters: { retry_after: 3 } })).toBe(3000);
    expect(retryAfterFromBody({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 1500 })).toBe(1500);
    expect(retryAfterFromBody('nope')).toBeUndefined();
  });

  it('accepts the documented config keys and http.publicUrl', () => {
    const c = configSchema.parse({
      http: { publicUrl: 'https://sw.example.org' },
      channels: [
        { name: 'slack', type: 'slack', url: 'https://hooks.slack.com/services/x' },
        { name: 'tg', type: 'telegram', token: 't', chat: -100123 },
        { name: 'mx', type: 'matrix', homeserver: 'https://m.org', room: '!d:m.org', token: 't' },
      ],
    });
    expect(c.http.publicUrl).toBe('https://sw.example.org');
    expect(c.channels[1]).toMatchObject({ chat: '-100123', apiUrl: 'https://api.telegram.org' });
    expect(
      channelSchema.safeParse({
        name: 'mx',
        type: 'matrix',
        homeserver: 'https://m.org',
        room: '#d:m.org',
        token: 't',
      }).success,
    ).toBe(false);
  });
});

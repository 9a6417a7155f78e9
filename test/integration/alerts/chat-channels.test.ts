import { afterEach, describe, expect, it } from 'vitest';
import { createChatChannel } from '../../../src/alerts/channels/chat.js';
import { createChannels } from '../../../src/alerts/channels/index.js';
import { createLogger } from '../../../src/logger.js';
import { isSwError } from '../../../src/errors.js';
import { sampleAlert } from '../../unit/alerts/fixtures.js';
import { configFor, startChatService, type Kind } from './chat-services.js';

const HOSTILE = '<b>Arms</b> & <@everyone> *bold* </a> <!channel> [x](javascript:alert(1))';
const alert = sampleAlert({
  item: { ...sampleAlert().item, title: HOSTILE },
  reasons: { un_violation: ['ballistic missiles: prohibited by resolution 1718 (DPRK sanctions)'] },
});
const LINK = 'https://news.example/a?b=1&c=2';

const closers: Array<() => Promise<void>> = [];

/** The value at a dotted path (`blocks.2.text`) of a posted JSON message. */
function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], value);
}
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function deliverTo(kind: Kind, extra: Record<string, unknown> = {}) {
  const svc = await startChatService(kind);
  closers.push(svc.close);
  const channel = createChatChannel(configFor(kind, svc.base, extra), {
    publicUrl: 'https://sw.example.org/',
  });
  await channel.deliver(alert);
  expect(svc.requests.map((r) => r.problems)).toEqual([[]]);
  expect(svc.posted).toHaveLength(1);
  return svc.posted[0];
}

describe('chat channels against services that validate like the real ones', () => {
  it('slack: Block Kit with the title as plain text, mrkdwn escaped, buttons', async () => {
    const msg = await deliverTo('slack');
    expect(at(msg, 'blocks.0')).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: HOSTILE },
    });
    expect(at(msg, 'text')).toContain('&lt;b&gt;Arms&lt;/b&gt; &amp; &lt;@everyone&gt;');
    expect(at(msg, 'text')).not.toContain('<!channel>');
    const body = String(at(msg, 'blocks.2.text.text'));
    expect(body).toContain(
      "*arms transfer, UN sanctions violation* — Democratic People's Republic of Korea, Sergei Shoigu [X.1]",
    );
    expect(body).toContain('>*North Korea* paraded ICBMs while *Sergei Shoigu* watched.');
    expect(body).toContain('resolution 1718 (DPRK sanctions)');
    expect((at(msg, 'blocks.3.elements') as Array<{ url: string }>).map((e) => e.url)).toEqual([
      LINK,
      'https://sw.example.org/alerts/a_0123456789abcdef01234567',
    ]);
  });

  it('slack: a custom template with a link is still valid mrkdwn, feed text escaped', async () => {
    const msg = await deliverTo('slack', { template: '*{{title}}*\n<{{link}}|Read>' });
    expect(at(msg, 'blocks.2.text.text')).toBe(
      '*&lt;b&gt;Arms&lt;/b&gt; &amp; &lt;@everyone&gt; *bold* &lt;/a&gt; &lt;!channel&gt; [x](javascript:alert(1))*\n<https://news.example/a?b=1&amp;c=2|Read>',
    );
  });

  it('teams: an Adaptive Card with the title escaped for Markdown and OpenUrl actions', async () => {
    const msg = await deliverTo('teams');
    const card = at(msg, 'attachments.0.content');
    expect(at(card, 'body.0.text')).toBe(
      '\\<b\\>Arms\\</b\\> & \\<@\u200beveryone\\> \\*bold\\* \\</a\\> \\<!channel\\> \\[x\\]\\(javascript:alert\\(1\\)\\)',
    );
    expect(at(card, 'body.2.text')).toContain('**North Korea** paraded ICBMs');
    expect(at(card, 'actions.0')).toEqual({
      type: 'Action.OpenUrl',
      title: 'Read the article',
      url: LINK,
    });
  });

  it('discord: an embed that pings no one, title escaped', async () => {
    const msg = await deliverTo('discord');
    expect(at(msg, 'allowed_mentions')).toEqual({ parse: [] });
    const embed = at(msg, 'embeds.0');
    expect(at(embed, 'title')).toContain('\\*bold\\*');
    expect(at(embed, 'title')).toContain('@\u200beveryone');
    expect(at(embed, 'url')).toBe(LINK);
    expect(at(embed, 'description')).toContain('**Sergei Shoigu** watched');
    expect(at(embed, 'fields.0')).toEqual({
      name: 'Categories',
      value: 'arms transfer, UN sanctions violation',
      inline: true,
    });
  });

  it('mattermost: a Slack-compatible attachment, Markdown escaped in the text', async () => {
    const msg = await deliverTo('mattermost');
    const att = at(msg, 'attachments.0');
    // Attachment titles are not Markdown: the title shows as it stood.
    expect(at(att, 'title')).toBe(HOSTILE);
    expect(at(att, 'title_link')).toBe(LINK);
    expect(at(att, 'text')).toContain('> **North Korea** paraded ICBMs');
    expect(at(att, 'text')).toContain('[Read the article](https://news.example/a?b=1&c=2)');
  });

  it('matrix: m.room.message with org.matrix.custom.html, the title escaped', async () => {
    const msg = await deliverTo('matrix');
    expect(at(msg, 'msgtype')).toBe('m.text');
    expect(at(msg, 'formatted_body')).toContain(
      '<strong>&lt;b&gt;Arms&lt;/b&gt; &amp; &lt;@everyone&gt; *bold* &lt;/a&gt;',
    );
    expect(at(msg, 'formatted_body')).toContain('<blockquote><strong>North Korea</strong> paraded');
    expect(at(msg, 'body')).toContain(HOSTILE);
    expect(at(msg, 'body')).toContain(LINK);
  });

  it('telegram: HTML parse mode, the title escaped, buttons', async () => {
    const msg = await deliverTo('telegram');
    expect(at(msg, 'chat_id')).toBe('-100123');
    expect(at(msg, 'text')).toContain('<b>&lt;b&gt;Arms&lt;/b&gt; &amp; &lt;@everyone&gt;');
    expect(at(msg, 'text')).toContain(
      '<a href="https://news.example/a?b=1&amp;c=2">Read the article</a>',
    );
    expect(at(msg, 'reply_markup.inline_keyboard.0.0')).toEqual({
      text: 'Read the article',
      url: LINK,
    });
  });

  it('ntfy: title, priority by score, click to the article, alert page action', async () => {
    const msg = await deliverTo('ntfy');
    expect(msg).toMatchObject({ topic: 'desk-alerts', title: HOSTILE, priority: 5, click: LINK });
    expect(at(msg, 'message')).toContain('«North Korea» paraded');
    expect(at(msg, 'actions.0.url')).toBe(
      'https://sw.example.org/alerts/a_0123456789abcdef01234567',
    );
  });

  it('takes http.publicUrl from the config for the alert page link', async () => {
    const svc = await startChatService('telegram');
    closers.push(svc.close);
    const channels = createChannels(
      {
        channels: [configFor('telegram', svc.base)],
        baseDir: '/tmp',
        dataDir: 'data',
        http: { publicUrl: 'https://desk.example.org/sw' },
      },
      { logger: createLogger({ level: 'silent' }) },
    );
    await channels.get('c-telegram')!.deliver(alert);
    const msg = svc.posted[0] as {
      reply_markup: { inline_keyboard: Array<Array<{ url: string }>> };
    };
    expect(at(msg, 'reply_markup.inline_keyboard.0.1.url')).toBe(
      'https://desk.example.org/sw/alerts/a_0123456789abcdef01234567',
    );
  });

  it('keeps tokens and webhook paths out of errors, even when the service echoes them', async () => {
    const echoes = {
      telegram: 'Forbidden: bot T0KEN',
      slack: 'no_team at /hook/S3CRET-path',
      matrix: 'unknown token T0KEN',
    };
    for (const [kind, said] of Object.entries(echoes) as Array<[Kind, string]>) {
      const svc = await startChatService(kind, [
        { status: 403, json: { description: said, message: said, error: said, ok: false } },
      ]);
      closers.push(svc.close);
      const err = await createChatChannel(configFor(kind, svc.base))
        .deliver(alert)
        .catch((e: unknown) => e);
      expect(isSwError(err, 'DELIVERY_PERMANENT')).toBe(true);
      const text = `${(err as Error).message} ${JSON.stringify((err as { details?: unknown }).details)}`;
      expect(text).toContain('answered 403');
      expect(text).not.toContain('T0KEN');
      expect(text).not.toContain('S3CRET');
    }
  });

  it('stays inside Telegram and Slack limits with a huge title and evidence', async () => {
    const long = sampleAlert({
      item: { ...sampleAlert().item, title: '<&>'.repeat(3000) },
      evidence: Array.from({ length: 5 }, () => '<North Korea> & '.repeat(400)),
    });
    for (const kind of ['telegram', 'slack', 'discord', 'matrix'] as const) {
      const svc = await startChatService(kind);
      closers.push(svc.close);
      await createChatChannel(configFor(kind, svc.base)).deliver(long);
      expect(svc.requests.map((r) => r.problems)).toEqual([[]]);
    }
  });
});

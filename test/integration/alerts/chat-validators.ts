import type http from 'node:http';

export type Kind = 'slack' | 'teams' | 'discord' | 'mattermost' | 'matrix' | 'telegram' | 'ntfy';

type Obj = Record<string, unknown>;
type Check = (body: unknown, req: http.IncomingMessage, url: URL, token: string) => string[];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, min = 1, max = Infinity): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const httpUrl = (v: unknown): boolean => {
  try {
    return typeof v === 'string' && /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** Slack mrkdwn: `<` and `>` open links and mentions, `&` must be an entity (Slack's escaping). */
function mrkdwnProblems(text: string, where: string): string[] {
  const out: string[] = [];
  // A `>` opening a line is a quote; anywhere else `<`/`>` must arrive as entities.
  // Links (`<https://…|label>`) are Slack's own syntax; the label must itself be escaped.
  const rest = text.replace(/<https?:\/\/[^\s<>|]+(?:\|[^<>]*)?>/g, '');
  if (/<|(?<!^|\n)>/.test(rest)) out.push(`${where}: unescaped < or >`);
  if (/&(?!amp;|lt;|gt;)/.test(text)) out.push(`${where}: bare &`);
  return out;
}

// Slack Block Kit reference: header ≤150 plain_text; section text ≤3000, ≤10 fields of ≤2000;
// actions ≤25 elements; button text ≤75 plain_text, url ≤3000; ≤50 blocks.
const slack: Check = (body) => {
  const p: string[] = [];
  if (!isObj(body) || !Array.isArray(body.blocks)) return ['blocks missing'];
  if (!str(body.text, 1, 40_000)) p.push('text');
  else p.push(...mrkdwnProblems(body.text, 'text'));
  if (body.blocks.length > 50) p.push('too many blocks');
  for (const [i, b] of (body.blocks as Obj[]).entries()) {
    const text = b.text as Obj | undefined;
    if (b.type === 'header') {
      if (text?.type !== 'plain_text' || !str(text.text, 1, 150)) p.push(`blocks[${i}] header`);
    } else if (b.type === 'section') {
      if (text && (text.type !== 'mrkdwn' || !str(text.text, 1, 3000))) p.push(`blocks[${i}] text`);
      if (text) p.push(...mrkdwnProblems(text.text as string, `blocks[${i}]`));
      const fields = (b.fields ?? []) as Obj[];
      if (!text && fields.length === 0) p.push(`blocks[${i}] empty section`);
      if (fields.length > 10) p.push(`blocks[${i}] >10 fields`);
      for (const f of fields) {
        if (f.type !== 'mrkdwn' || !str(f.text, 1, 2000)) p.push(`blocks[${i}] field`);
        else p.push(...mrkdwnProblems(f.text, `blocks[${i}] field`));
      }
    } else if (b.type === 'actions') {
      const els = b.elements as Obj[];
      if (!Array.isArray(els) || els.length < 1 || els.length > 25) p.push('actions elements');
      for (const e of els ?? []) {
        const t = e.text as Obj;
        if (e.type !== 'button' || t?.type !== 'plain_text' || !str(t.text, 1, 75))
          p.push('button');
        if (!httpUrl(e.url) || (e.url as string).length > 3000) p.push('button url');
      }
    } else p.push(`blocks[${i}] unknown type ${String(b.type)}`);
  }
  return p;
};

// Adaptive Card inside a Workflows webhook message.
const teams: Check = (body) => {
  if (!isObj(body) || body.type !== 'message' || !Array.isArray(body.attachments))
    return ['not a message with attachments'];
  const a = body.attachments[0] as Obj;
  if (a?.contentType !== 'application/vnd.microsoft.card.adaptive') return ['contentType'];
  const c = a.content as Obj;
  const p: string[] = [];
  if (c?.type !== 'AdaptiveCard' || !str(c.version)) return ['not an AdaptiveCard'];
  if (!Array.isArray(c.body) || c.body.length === 0) return ['card body'];
  for (const el of c.body as Obj[]) {
    if (el.type === 'TextBlock' && !str(el.text)) p.push('TextBlock text');
    else if (el.type === 'FactSet') {
      for (const f of el.facts as Obj[]) if (!str(f.title) || !str(f.value)) p.push('fact');
    } else if (el.type !== 'TextBlock') p.push(`element ${String(el.type)}`);
  }
  for (const act of (c.actions ?? []) as Obj[])
    if (act.type !== 'Action.OpenUrl' || !str(act.title) || !httpUrl(act.url)) p.push('action');
  return p;
};

// Discord: execute webhook with embeds; embed limits from the Message resource docs.
const discord: Check = (body, _req, url) => {
  const p: string[] = [];
  if (!/^\/api\/webhooks\/\d+\/[\w-]+$/.test(url.pathname)) p.push('path');
  if (!isObj(body)) return ['body'];
  const embeds = (body.embeds ?? []) as Obj[];
  if (!str(body.content, 1, 2000) && embeds.length === 0) p.push('no content or embeds');
  if (embeds.length > 10) p.push('>10 embeds');
  let total = 0;
  for (const e of embeds) {
    if (e.title !== undefined && !str(e.title, 1, 256)) p.push('embed title');
    if (e.description !== undefined && !str(e.description, 1, 4096)) p.push('description');
    if (e.url !== undefined && !httpUrl(e.url)) p.push('embed url');
    if (e.color !== undefined && !(Number.isInteger(e.color) && (e.color as number) <= 0xffffff))
      p.push('color');
    if (e.timestamp !== undefined && Number.isNaN(Date.parse(e.timestamp as string)))
      p.push('timestamp');
    const fields = (e.fields ?? []) as Obj[];
    if (fields.length > 25) p.push('>25 fields');
    for (const f of fields) {
      if (!str(f.name, 1, 256) || !str(f.value, 1, 1024)) p.push('field');
      total += String(f.name).length + String(f.value).length;
    }
    const footer = e.footer as Obj | undefined;
    if (footer && !str(footer.text, 1, 2048)) p.push('footer');
    const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);
    total += len(e.title) + len(e.description) + len(footer?.text);
  }
  if (total > 6000) p.push('embeds over 6000 characters');
  return p;
};

const mattermost: Check = (body) => {
  if (!isObj(body)) return ['body'];
  const atts = (body.attachments ?? []) as Obj[];
  if (!str(body.text) && atts.length === 0) return ['text or attachments required'];
  const p: string[] = [];
  for (const a of atts) {
    if (!str(a.fallback)) p.push('fallback');
    if (a.title_link !== undefined && !httpUrl(a.title_link)) p.push('title_link');
    for (const f of (a.fields ?? []) as Obj[])
      if (typeof f.short !== 'boolean' || !str(f.title) || !str(f.value)) p.push('field');
  }
  return p;
};

const matrix: Check = (body, req, url, token) => {
  const p: string[] = [];
  if (req.method !== 'PUT') p.push('method');
  if (req.headers.authorization !== `Bearer ${token}`) p.push('M_UNKNOWN_TOKEN');
  const m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/m\.room\.message\/([^/]+)$/.exec(
    url.pathname,
  );
  if (!m || !decodeURIComponent(m[1]).startsWith('!')) p.push('path');
  if (!isObj(body) || !str(body.msgtype) || !str(body.body)) return [...p, 'msgtype/body'];
  if (body.format !== 'org.matrix.custom.html' || !str(body.formatted_body)) p.push('format');
  else p.push(...htmlProblems(body.formatted_body, MATRIX_TAGS));
  return p;
};

const TELEGRAM_TAGS = new Set(
  'b strong i em u ins s strike del a code pre blockquote span tg-spoiler tg-emoji'.split(' '),
);
const MATRIX_TAGS = new Set(
  'font del h1 h2 h3 h4 h5 h6 blockquote p a ul ol sup sub li b i u strong em strike code hr br div table thead tbody tr th td caption pre span img details summary'.split(
    ' ',
  ),
);
const VOID = new Set(['br', 'hr', 'img']);

/** The text as the service's HTML parser sees it: allowed, balanced tags and known entities. */
function htmlProblems(html: string, allowed: Set<string>): string[] {
  const stack: string[] = [];
  const tag =
    /<(\/?)([a-z][a-z0-9-]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|<|&(?!(?:lt|gt|amp|quot|#\d+);)/g;
  for (const m of html.matchAll(tag)) {
    if (m[0] === '<') return ["can't parse entities: unescaped <"];
    if (m[0] === '&') return ["can't parse entities: bare &"];
    const [, close, name] = m as unknown as [string, string, string];
    if (!allowed.has(name)) return [`unsupported tag <${name}>`];
    if (VOID.has(name)) continue;
    if (close) {
      if (stack.pop() !== name) return [`unbalanced </${name}>`];
    } else stack.push(name);
  }
  return stack.length ? [`unclosed <${stack.at(-1)}>`] : [];
}

/** Telegram's HTML parse mode: supported tags only, balanced, ≤4096 characters after parsing. */
export function telegramProblems(text: string): string[] {
  const p = htmlProblems(text, TELEGRAM_TAGS);
  if (p.length) return p;
  const visible = text.replace(/<[^>]+>/g, '').replace(/&(lt|gt|amp|quot|#\d+);/g, 'x');
  return visible.length > 4096 ? ['message is too long'] : [];
}

const telegram: Check = (body, _req, url, token) => {
  if (url.pathname !== `/bot${token}/sendMessage`) return ['Not Found'];
  if (!isObj(body) || !(str(body.chat_id) || Number.isInteger(body.chat_id))) return ['chat_id'];
  if (!str(body.text)) return ['message text is empty'];
  if (body.parse_mode !== 'HTML') return ['parse_mode'];
  const p = telegramProblems(body.text);
  const kb = (body.reply_markup as Obj | undefined)?.inline_keyboard as Obj[][] | undefined;
  for (const row of kb ?? [])
    for (const b of row) if (!str(b.text) || !httpUrl(b.url)) p.push('inline button');
  return p;
};

// ntfy JSON publishing: POST to the server root with the topic in the body.
const ntfy: Check = (body, req, url) => {
  const p: string[] = [];
  if (req.method !== 'POST' || url.pathname !== '/') p.push('JSON goes to the root URL');
  if (!isObj(body) || !str(body.topic, 1, 64) || !/^[-_A-Za-z0-9]+$/.test(body.topic))
    return [...p, 'topic'];
  if (!str(body.message)) p.push('message');
  if (Buffer.byteLength(String(body.message)) > 4096) p.push('message over 4096 bytes');
  if (body.title !== undefined && !str(body.title)) p.push('title');
  if (
    !Number.isInteger(body.priority) ||
    (body.priority as number) < 1 ||
    (body.priority as number) > 5
  )
    p.push('priority');
  if (body.click !== undefined && !httpUrl(body.click)) p.push('click');
  if (body.tags !== undefined && !(Array.isArray(body.tags) && body.tags.every((t) => str(t))))
    p.push('tags');
  return p;
};

export const validators: Record<Kind, Check> = {
  slack,
  teams,
  discord,
  mattermost,
  matrix,
  telegram,
  ntfy,
};

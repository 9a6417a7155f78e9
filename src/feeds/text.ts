import { Parser } from 'htmlparser2';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'iframe',
  'object',
  'svg',
  'math',
]);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
  'hr',
  'dd',
  'dt',
]);

/** Default cap on an item's plain-text body, in characters. */
export const MAX_BODY_CHARS = 20_000;

/** Collapses runs of spaces (no-break and typographic spaces too) and blank lines. */
export function normaliseWhitespace(text: string): string {
  return text
    .replace(/[\t\f\v\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Cuts to at most `max` characters without splitting a surrogate pair. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

/** HTML (or plain text with entities) to plain text: tags stripped, entities decoded, whitespace normalised. */
export function htmlToText(html: string, max = MAX_BODY_CHARS): string {
  if (!/[<&]/.test(html)) return cap(normaliseWhitespace(html), max);
  const out: string[] = [];
  let skipDepth = 0;
  let length = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        else if (BLOCK.has(name)) out.push('\n');
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCK.has(name)) out.push('\n');
      },
      ontext(data) {
        // Stop collecting well past the cap: normalising only shrinks the text.
        if (skipDepth === 0 && length < max * 4) {
          out.push(data);
          length += data.length;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return cap(normaliseWhitespace(out.join('')), max);
}

import { SwError } from '../errors.js';

/** Deepest JSON nesting accepted; a JSON Feed needs about 5. */
const MAX_JSON_DEPTH = 64;

/**
 * Neutralises the DTD before any parser sees the text. A DOCTYPE that declares entities is the
 * carrier of every entity attack (billion laughs, quadratic blow-up, XXE), and feeds have no
 * honest need for one, so it is refused; any other DOCTYPE is cut out. Linear time, no expansion,
 * nothing fetched.
 */
export function neutraliseDoctype(text: string): string {
  const start = findPrologDoctype(text);
  if (start < 0) return text;
  let i = start + 9;
  let inSubset = false;
  let quote = '';
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '[') {
      inSubset = true;
    } else if (ch === ']') {
      inSubset = false;
    } else if (ch === '>' && !inSubset) {
      break;
    } else if (inSubset && ch === '<' && text.startsWith('!ENTITY', i + 1)) {
      throw new SwError(
        'FEED_HOSTILE',
        'hostile XML: the DOCTYPE declares entities (refused, nothing expanded or fetched)',
      );
    }
  }
  return text.slice(0, start) + text.slice(i + 1);
}

/** Index of a `<!DOCTYPE` that stands in the prolog (before the root element), or -1. */
function findPrologDoctype(text: string): number {
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return -1;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 3;
    } else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      return i;
    } else {
      return -1;
    }
  }
  return -1;
}

/** Refuses JSON nested deeper than any feed needs, before JSON.parse sees it. */
export function checkJsonDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new SwError(
          'FEED_HOSTILE',
          `hostile JSON: nested deeper than ${MAX_JSON_DEPTH} levels`,
        );
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
}

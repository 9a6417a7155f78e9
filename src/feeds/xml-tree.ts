import { Parser } from 'htmlparser2';
import { decodeHTML } from 'entities';

/** A forgiving element tree: names lower-cased, text already entity-decoded. */
export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: Array<XNode | string>;
}

const MAX_DEPTH = 200;

/** Namespaces whose prefix is dropped, so `<r:rss xmlns:r="…rss2">` reads as `<rss>`. */
const FEED_NAMESPACES = [
  'http://backend.userland.com/rss2',
  'http://purl.org/rss/1.0/',
  'http://www.w3.org/2005/Atom',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://purl.org/net/rss1.1#',
];

/**
 * Builds a tree with htmlparser2 in XML mode, which never throws: unclosed tags are closed at the
 * end, undeclared entities (`&nbsp;`) and raw `&` are decoded as HTML would. Entities are decoded
 * here (not by the tokenizer, whose XML mode knows only the five XML ones); CDATA is kept verbatim.
 */
export function parseLenientXml(text: string): XNode {
  const root: XNode = { name: '#document', attrs: {}, children: [] };
  const stack: XNode[] = [root];
  let inCdata = false;
  let overflow = 0;
  const feedPrefixes = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (stack.length > MAX_DEPTH) {
          overflow++;
          return;
        }
        const decoded: Record<string, string> = {};
        for (const [k, v] of Object.entries(attrs)) {
          const key = k.toLowerCase();
          decoded[key] = decodeHTML(v);
          if (key.startsWith('xmlns:') && FEED_NAMESPACES.includes(v.trim()))
            feedPrefixes.add(key.slice(6));
        }
        let lower = name.toLowerCase();
        const colon = lower.indexOf(':');
        if (colon > 0 && feedPrefixes.has(lower.slice(0, colon))) lower = lower.slice(colon + 1);
        const node: XNode = { name: lower, attrs: decoded, children: [] };
        stack[stack.length - 1].children.push(node);
        stack.push(node);
      },
      onclosetag() {
        if (overflow > 0) overflow--;
        else if (stack.length > 1) stack.pop();
      },
      ontext(data) {
        stack[stack.length - 1].children.push(inCdata ? data : decodeHTML(data));
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true },
  );
  parser.end(text);
  return root;
}

export function childElements(node: XNode): XNode[] {
  return node.children.filter((c): c is XNode => typeof c !== 'string');
}

/** First direct child with one of the names. */
export function child(node: XNode, ...names: string[]): XNode | undefined {
  for (const name of names) {
    const found = node.children.find((c): c is XNode => typeof c !== 'string' && c.name === name);
    if (found) return found;
  }
  return undefined;
}

export function children(node: XNode, name: string): XNode[] {
  return node.children.filter((c): c is XNode => typeof c !== 'string' && c.name === name);
}

/** Concatenated text of a node and its descendants. */
export function textOf(node: XNode | undefined): string {
  if (!node) return '';
  const parts: string[] = [];
  const walk = (n: XNode): void => {
    for (const c of n.children) {
      if (typeof c === 'string') parts.push(c);
      else walk(c);
    }
  };
  walk(node);
  return parts.join('');
}

/** Searches breadth-first (bounded) for the first element with one of the names. */
export function findElement(node: XNode, names: string[], maxDepth = 4): XNode | undefined {
  let level: XNode[] = [node];
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    for (const n of level) if (names.includes(n.name)) return n;
    level = level.flatMap(childElements);
  }
  return undefined;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Children of a node written back as HTML (for inline XHTML content, whose text alone loses block breaks). */
export function innerHtml(node: XNode | undefined): string {
  if (!node) return '';
  const out: string[] = [];
  const walk = (n: XNode): void => {
    for (const c of n.children) {
      if (typeof c === 'string') {
        out.push(escapeText(c));
      } else {
        const name = c.name.replace(/^[a-z0-9]+:/, '');
        out.push(`<${name}>`);
        walk(c);
        out.push(`</${name}>`);
      }
    }
  };
  walk(node);
  return out.join('');
}

import type { RawFeed, RawItem } from './types.js';
import {
  child,
  children,
  childElements,
  findElement,
  innerHtml,
  parseLenientXml,
  textOf,
  type XNode,
} from './xml-tree.js';

/** Items under the root, not descending into an item once found (RSS 1.0 puts them beside the channel). */
function collect(node: XNode, name: string, out: XNode[], depth = 0): XNode[] {
  for (const c of childElements(node)) {
    if (c.name === name) out.push(c);
    else if (depth < 3) collect(c, name, out, depth + 1);
  }
  return out;
}

function text(node: XNode | undefined): string | undefined {
  const t = textOf(node).trim();
  return t === '' ? undefined : t;
}

/** The body of an element: XHTML children written back as HTML, otherwise its (HTML) text. */
function body(node: XNode | undefined): string | undefined {
  if (!node) return undefined;
  const hasElements = node.children.some((c) => typeof c !== 'string');
  const value = hasElements ? innerHtml(node) : textOf(node);
  return value.trim() === '' ? undefined : value;
}

function atomLink(node: XNode): string | undefined {
  const links = children(node, 'link').concat(children(node, 'atom:link'));
  const alternate =
    links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate' && l.attrs.href) ??
    links.find((l) => l.attrs.href);
  return alternate?.attrs.href;
}

function dates(node: XNode, names: string[]): string[] {
  return names.map((n) => text(child(node, n))).filter((d): d is string => d !== undefined);
}

function bodies(node: XNode, names: string[]): string[] {
  return names.map((n) => body(child(node, n))).filter((b): b is string => b !== undefined);
}

function rssItem(node: XNode): RawItem {
  const link = text(child(node, 'link')) ?? atomLink(node) ?? node.attrs['rdf:about'];
  return {
    guid: text(child(node, 'guid', 'dc:identifier')),
    title: text(child(node, 'title', 'dc:title')),
    link,
    dates: dates(node, ['pubdate', 'dc:date', 'date', 'published', 'updated', 'dcterms:modified']),
    bodies: bodies(node, [
      'description',
      'summary',
      'content:encoded',
      'content',
      'body',
      'xhtml:body',
    ]),
  };
}

function atomEntry(node: XNode): RawItem {
  return {
    guid: text(child(node, 'id')),
    title: text(child(node, 'title')),
    link: atomLink(node),
    dates: dates(node, ['published', 'issued', 'created', 'updated', 'modified', 'dc:date']),
    bodies: bodies(node, ['summary', 'content']),
  };
}

/**
 * Reads RSS 0.9x/1.0/2.0 or Atom from a forgiving tree. Used when the strict parser refuses the
 * document (then `malformed` is set) or trips over a shape it does not expect.
 * Returns undefined when the document is not a feed at all.
 */
export function parseLenient(xml: string, malformed: boolean): RawFeed | undefined {
  const doc = parseLenientXml(xml);
  const root = findElement(doc, ['rss', 'rdf:rdf', 'feed', 'atom:feed', 'rdf'], 3);
  if (!root) return undefined;
  if (root.name === 'feed' || root.name === 'atom:feed') {
    const entries = children(root, 'entry').concat(children(root, 'atom:entry'));
    return {
      format: 'atom',
      malformed,
      title: text(child(root, 'title')),
      link: atomLink(root),
      items: entries.map(atomEntry),
    };
  }
  const channel = child(root, 'channel') ?? root;
  const format = root.name === 'rss' ? 'rss' : 'rdf';
  return {
    format,
    malformed,
    title: text(child(channel, 'title', 'dc:title')),
    link: text(child(channel, 'link')) ?? atomLink(channel),
    items: collect(root, 'item', []).map(rssItem),
  };
}

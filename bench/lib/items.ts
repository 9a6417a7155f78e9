// Bench items: texts (and so sizes) from the news-feed corpus, with a fraction taken from the dev
// set's positives so the matcher flags them and deliveries happen. Read at run time, never copied.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFeedSource } from '../../src/feeds/source.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');

export interface BenchText {
  title: string;
  body: string;
}

export interface BenchItem extends BenchText {
  guid: string;
  link: string;
}

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) =>
    statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)],
  );
}

/** Corpus texts (titles and bodies of real feed items) and dev-set positives. */
export async function loadTexts(): Promise<{ corpus: BenchText[]; positives: BenchText[] }> {
  const corpus: BenchText[] = [];
  for (const f of walk(path.join(sharedDir, 'corpus/news-feeds')).filter((p) =>
    /\.(xml|atom|rss|rdf)$/i.test(p),
  )) {
    const feed = await readFeedSource(f).catch(() => undefined);
    for (const it of feed?.items ?? [])
      if (it.title && it.body) corpus.push({ title: it.title, body: it.body });
  }
  const positives: BenchText[] = [];
  for (const line of readFileSync(path.join(sharedDir, 'eval/dev.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { title: string; summary: string; flag: boolean };
    if (o.flag) positives.push({ title: o.title, body: o.summary });
  }
  return { corpus, positives };
}

/**
 * `count` items with unique GUIDs and links; every `1/flagShare`-th text is a positive. `tag`
 * keeps two runs' stories apart.
 */
export function makeItems(
  texts: { corpus: BenchText[]; positives: BenchText[] },
  count: number,
  tag: string,
  flagShare = 0.05,
): BenchItem[] {
  const every = Math.max(1, Math.round(1 / flagShare));
  return Array.from({ length: count }, (_, i) => {
    const t =
      i % every === 0
        ? texts.positives[(i / every) % texts.positives.length]
        : texts.corpus[i % texts.corpus.length];
    return { ...t, guid: `${tag}-${i}`, link: `https://news.bench/${tag}/${i}` };
  });
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An RSS 2.0 document of the items, newest first. */
export function rss(title: string, items: readonly BenchItem[], now = Date.now()): string {
  const pub = new Date(now).toUTCString();
  const body = items
    .map(
      (it) =>
        `<item><title>${esc(it.title)}</title><link>${esc(it.link)}</link><guid>${esc(it.guid)}</guid>` +
        `<pubDate>${pub}</pubDate><description>${esc(it.body)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${esc(title)}</title><link>https://news.bench/</link>\n${body}\n</channel></rss>`;
}

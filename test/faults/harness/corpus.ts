import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sharedDir } from '../../helpers/config.js';
import { parseFeed } from '../../../src/feeds/parse.js';

/** A headline and its text, before the harness makes it unique. */
export interface SourceText {
  title: string;
  body: string;
}

/** Texts read at run time from /work/shared (never copied into the repository). */
export interface Corpus {
  /** Positives of eval/dev.jsonl: stories the desk wants alerted. */
  flagged: SourceText[];
  /** Items of the real news-feed snapshots in corpus/news-feeds. */
  benign: SourceText[];
}

let cached: Promise<Corpus> | undefined;

/** Loads (once per process) the flagged and benign texts the generated feeds are made of. */
export function loadCorpus(): Promise<Corpus> {
  cached ??= (async () => {
    const dev = await readFile(path.join(sharedDir, 'eval/dev.jsonl'), 'utf8');
    const flagged: SourceText[] = [];
    for (const line of dev.split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { title: string; summary?: string; flag: boolean };
      if (row.flag) flagged.push({ title: row.title, body: row.summary ?? '' });
    }
    const benign: SourceText[] = [];
    const root = path.join(sharedDir, 'corpus/news-feeds');
    for (const sub of await readdir(root, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      for (const file of await readdir(path.join(root, sub.name))) {
        if (!/\.(xml|rss|atom|rdf)$/i.test(file)) continue;
        try {
          const parsed = await parseFeed(await readFile(path.join(root, sub.name, file)));
          for (const item of parsed.items)
            if (item.title.trim() && item.body.trim())
              benign.push({ title: item.title, body: item.body });
        } catch {
          // A snapshot the parser refuses is simply not used.
        }
      }
    }
    if (flagged.length === 0 || benign.length === 0)
      throw new Error(`fault corpus is empty (flagged ${flagged.length}, benign ${benign.length})`);
    return { flagged, benign };
  })();
  return cached;
}

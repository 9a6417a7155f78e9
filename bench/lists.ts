// `npm run bench -- lists`: the matcher with the real official lists imported (UN consolidated,
// OFAC SDN + alt names) plus the shipped watchlists, on the dev set's items.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importList } from '../src/lists/import-list.js';
import { compileMatcher } from '../src/matching/index.js';
import { watchlistSchema, type Watchlist } from '../src/matching/watchlist-schema.js';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lists = path.resolve(root, '../shared/corpus/lists');

function imported(): Watchlist[] {
  const un = importList('un', { main: readFileSync(path.join(lists, 'un-consolidated.xml')) });
  const ofac = importList('ofac', {
    main: readFileSync(path.join(lists, 'ofac-sdn-2024-05-03.csv')),
    aliases: readFileSync(path.join(lists, 'ofac-alt.csv')),
  });
  return [un.watchlist, ofac.watchlist];
}

const shipped = readdirSync(path.join(root, 'config/watchlists'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) =>
    watchlistSchema.parse(parse(readFileSync(path.join(root, 'config/watchlists', f), 'utf8'))),
  );
const all = [...shipped, ...imported()];
const patterns = all.reduce(
  (n, w) => n + w.entries.reduce((m, e) => m + 1 + e.aliases.length + e.weakAliases.length, 0),
  0,
);
const t0 = performance.now();
const matcher = compileMatcher({ watchlists: all });
const compileMs = performance.now() - t0;
const items = readFileSync(path.resolve(root, '../shared/eval/dev.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { title?: string; summary?: string })
  .map((o) => ({ title: o.title ?? '', body: o.summary ?? '' }));
let n = 0;
const t1 = performance.now();
while (performance.now() - t1 < 3000) {
  for (const item of items) {
    matcher.match(item);
    n++;
  }
}
const seconds = (performance.now() - t1) / 1000;
console.log(
  JSON.stringify({
    bench: 'lists',
    lists: all.length,
    patterns,
    compile_ms: Math.round(compileMs),
    items_per_s: Math.round(n / seconds),
    rss_mb: Math.round(process.memoryUsage().rss / 1e6),
  }),
);

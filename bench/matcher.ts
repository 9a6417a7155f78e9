// Items per second through the whole matcher (normalise, look up, rules, evidence) on news-sized
// items, with the shipped watchlists and with generated 10,000- and 100,000-name lists, against a
// keyword-tool baseline (one case-insensitive RegExp per name) timed on a sample and extrapolated.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compileMatcher } from '../src/matching/index.js';
import { watchlistSchema, type Watchlist } from '../src/matching/watchlist-schema.js';
import { itemLanguage } from '../src/feeds/language.js';
import { readFeedSource } from '../src/feeds/source.js';
import type { MatchInput } from '../src/matching/types.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repo, '../shared');

function shipped(): Watchlist[] {
  const dir = path.join(repo, 'config/watchlists');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => watchlistSchema.parse(parse(readFileSync(path.join(dir, f), 'utf8'))));
}

/** Deterministic person/organisation/vessel names shaped like an official list's. */
function generated(count: number): Watchlist {
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const syl = [
    'al',
    'ka',
    'rim',
    'ha',
    'dad',
    'mo',
    'han',
    'zar',
    'vo',
    'lin',
    'pet',
    'rov',
    'su',
    'ng',
    'chol',
    'jin',
    'ba',
    'ker',
    'ta',
    'nov',
    'ri',
    'os',
    'ma',
    'lek',
  ];
  const word = (): string => {
    const w = Array.from({ length: 2 + rnd(2) }, () => syl[rnd(syl.length)]).join('');
    return w[0].toUpperCase() + w.slice(1);
  };
  const kinds = ['person', 'organisation', 'vessel'] as const;
  const entries = [];
  let names = 0;
  while (names < count) {
    const aliases = Array.from({ length: rnd(3) }, () => `${word()} ${word()}`);
    entries.push({
      name: `${word()} ${word()} ${word()}`,
      kind: kinds[rnd(3)],
      aliases,
      weakAliases: [],
      identifiers: [],
      tags: ['sanctioned'],
      ref: `GEN.${entries.length}`,
    });
    names += 1 + aliases.length;
  }
  return { name: 'generated', tags: [], entries };
}

function namesOf(lists: Watchlist[]): string[] {
  return lists.flatMap((l) => l.entries.flatMap((e) => [e.name, ...e.aliases, ...e.weakAliases]));
}

async function corpusItems(): Promise<MatchInput[]> {
  const items: MatchInput[] = [];
  for (const l of readFileSync(path.join(shared, 'eval/dev.jsonl'), 'utf8').trim().split('\n')) {
    const o = JSON.parse(l) as { title: string; summary: string };
    items.push({ title: o.title, body: o.summary });
  }
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) =>
      statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)],
    );
  for (const f of walk(path.join(shared, 'corpus/news-feeds')).filter((p) =>
    /\.(xml|atom|rss|rdf)$/i.test(p),
  )) {
    const feed = await readFeedSource(f).catch(() => undefined);
    for (const it of feed?.items ?? [])
      items.push({ title: it.title, body: it.body.slice(0, 2000) });
  }
  const ag = readFileSync(path.join(shared, 'corpus/ag-news/test.csv'), 'utf8').split('\n');
  for (const line of ag.slice(0, 3000)) {
    const m = /^"\d","(.*)","(.*)"$/.exec(line);
    if (m) items.push({ title: m[1].replace(/""/g, '"'), body: m[2].replace(/""/g, '"') });
  }
  return items;
}

interface Workload {
  stream: readonly MatchInput[];
  each: (it: MatchInput) => unknown;
}

/**
 * Items per second through each workload: one untimed pass of each to warm up, then `rounds`
 * timed passes of each, taken in turn, reporting each one's median pass. A change of load on a
 * shared machine then falls on all workloads alike (their ratio holds), and a burst of it moves
 * no figure far.
 */
function itemsPerSecond(rounds: number, ...workloads: Workload[]): number[] {
  for (const w of workloads) for (const it of w.stream) w.each(it);
  const rates = workloads.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    workloads.forEach((w, k) => {
      const t0 = performance.now();
      for (const it of w.stream) w.each(it);
      rates[k].push(w.stream.length / ((performance.now() - t0) / 1000));
    });
  }
  return rates.map((l) => l.sort((x, y) => x - y)[l.length >> 1]);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const items = await corpusItems();
const avgBytes = Math.round(
  items.reduce((n, i) => n + i.title.length + i.body.length + 2, 0) / items.length,
);
const base = shipped();
for (const extra of [0, 10_000, 100_000]) {
  const lists = extra ? [...base, generated(extra)] : base;
  const names = namesOf(lists);
  const matcher = compileMatcher({ watchlists: lists });
  const rounds = 5;
  const [itemsPerS] = itemsPerSecond(rounds, { stream: items, each: (it) => matcher.match(it) });

  const regexes = names.map((n) => new RegExp(`\\b${escape(n)}\\b`, 'i'));
  const sample = items.slice(
    0,
    Math.max(5, Math.min(items.length, Math.floor(2_000_000 / names.length))),
  );
  const b0 = performance.now();
  let found = 0;
  for (const it of sample) {
    const text = `${it.title}\n\n${it.body}`;
    for (const re of regexes) if (re.test(text)) found++;
  }
  const baselinePerS = sample.length / ((performance.now() - b0) / 1000);
  console.log(
    JSON.stringify({
      bench: 'matcher',
      patterns: names.length,
      items: items.length * rounds,
      avg_item_bytes: avgBytes,
      items_per_s: Math.round(itemsPerS),
      baseline_items_per_s: Math.round(baselinePerS),
      ratio: Math.round((itemsPerS / baselinePerS) * 10) / 10,
      rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
      baseline_note: `one case-insensitive RegExp per name timed on ${sample.length} items and extrapolated (${found} hits)`,
    }),
  );
}

// A mixed-language stream (the project's labelled items in nine languages) against the English
// ones alone, shipped watchlists: the cost per item of reading other languages. Detecting the
// language (done when parsing a feed that declares none) is timed on top, separately.
{
  const fixtures = path.join(repo, 'test/fixtures/eval');
  const read = (file: string): MatchInput[] =>
    readFileSync(path.join(fixtures, file), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; summary: string })
      .map((o) => ({ title: o.title, body: o.summary }));
  const english = read('en-train.jsonl');
  const mixed = readdirSync(fixtures)
    .filter((f) => f.endsWith('-train.jsonl'))
    .flatMap(read);
  const matcher = compileMatcher({ watchlists: base });
  const [englishPerS, mixedPerS, withLanguagePerS] = itemsPerSecond(
    Math.max(5, Math.ceil(20_000 / english.length)),
    { stream: english, each: (it) => matcher.match(it) },
    { stream: mixed, each: (it) => matcher.match(it) },
    {
      stream: mixed,
      each: (it) => {
        itemLanguage(undefined, it.title, it.body);
        return matcher.match(it);
      },
    },
  );
  console.log(
    JSON.stringify({
      bench: 'matcher',
      stream: 'mixed-language',
      languages: 9,
      items: mixed.length,
      english_items_per_s: Math.round(englishPerS),
      items_per_s: Math.round(mixedPerS),
      cost_per_item_vs_english: Math.round((englishPerS / mixedPerS) * 100) / 100,
      items_per_s_with_language_detection: Math.round(withLanguagePerS),
    }),
  );
}

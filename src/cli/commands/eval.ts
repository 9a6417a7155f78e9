import { existsSync } from 'node:fs';
import path from 'node:path';
import { readInputFile } from '../read-input.js';
import { packageRoot } from '../../demo/paths.js';
import type { Command } from 'commander';
import { loadConfig, CONFIG_HELP } from '../../config/load.js';
import { compileFromConfig } from '../../sources/compile.js';
import { SwError } from '../../errors.js';
import type { Matcher } from '../../matching/index.js';
import {
  evaluate,
  type EvalReport,
  type LabelledOutcome,
  type Scores,
} from '../../matching/evaluation.js';
import { ExitCode, runCommand } from '../run.js';

interface LabelledItem {
  id: string;
  title: string;
  summary?: string;
  body?: string;
  flag: boolean;
  categories: string[];
  /** ISO date, when the item has one: UN measures are judged as they stood then. */
  published?: string;
}

/** Reads a labelled JSON-lines file (format of `../shared/eval/dev.jsonl`). Throws INPUT_UNREADABLE naming the line. */
export async function readLabelled(file: string): Promise<LabelledItem[]> {
  const text = (await readInputFile(file)).toString('utf8');
  const items: LabelledItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let o: Partial<LabelledItem>;
    try {
      o = JSON.parse(line) as Partial<LabelledItem>;
    } catch (cause) {
      throw new SwError('INPUT_UNREADABLE', `${file}:${i + 1}: not JSON`, { cause });
    }
    if (
      typeof o.title !== 'string' ||
      typeof o.flag !== 'boolean' ||
      !Array.isArray(o.categories)
    ) {
      throw new SwError('INPUT_UNREADABLE', `${file}:${i + 1}: needs title, flag and categories`);
    }
    items.push({
      id: String(o.id ?? i + 1),
      title: o.title,
      summary: o.summary ?? o.body ?? '',
      flag: o.flag,
      categories: o.categories,
      ...(typeof o.published === 'string' ? { published: o.published } : {}),
    });
  });
  return items;
}

export function evaluateMatcher(matcher: Matcher, items: readonly LabelledItem[]): EvalReport {
  const outcomes: LabelledOutcome[] = items.map((it) => {
    const r = matcher.match({ title: it.title, body: it.summary ?? '', published: it.published });
    return {
      id: it.id,
      title: it.title,
      gold: { flagged: it.flag, categories: it.categories },
      predicted: { flagged: r.flagged, categories: r.categories, score: r.score },
    };
  });
  return evaluate(outcomes, matcher.categories);
}

function row(name: string, s: Scores): string {
  const f = (x: number): string => x.toFixed(3).padStart(9);
  return `${name.padEnd(16)}${f(s.precision)}${f(s.recall)}${f(s.f1)}${String(s.tp).padStart(5)}${String(s.fp).padStart(5)}${String(s.fn).padStart(5)}`;
}

export function formatReport(report: EvalReport, showMisses: boolean): string {
  const lines = [
    `${report.items} items`,
    `${'category'.padEnd(16)}${'precision'.padStart(9)}${'recall'.padStart(9)}${'F1'.padStart(9)}${'tp'.padStart(5)}${'fp'.padStart(5)}${'fn'.padStart(5)}`,
    row('flagged (any)', report.overall),
    ...Object.entries(report.categories).map(([c, s]) => row(c, s)),
  ];
  if (showMisses) {
    lines.push('', report.misses.length ? 'misses:' : 'misses: none');
    for (const m of report.misses) {
      lines.push(
        `  ${m.kind === 'false_positive' ? 'FP' : 'FN'} ${m.category.padEnd(14)} ${m.id.padEnd(8)} ${m.score.toFixed(2)}  ${m.title}`,
      );
    }
  }
  return lines.join('\n');
}

/** One labelled set's report, under the name printed above its column. */
export interface NamedReport {
  name: string;
  report: EvalReport;
}

/** Several sets side by side: one row per category, P / R / F1 for each set. */
export function formatSideBySide(sets: readonly NamedReport[]): string {
  const cell = (sc: Scores | undefined) =>
    sc
      ? `${sc.precision.toFixed(3)} ${sc.recall.toFixed(3)} ${sc.f1.toFixed(3)}`
      : '    -     -     -';
  const width = 19;
  const head = sets.map((s) => `${s.name} (${s.report.items})`.padEnd(width)).join('  ');
  const sub = sets.map(() => '    P     R    F1'.padEnd(width)).join('  ');
  const categories = [...new Set(sets.flatMap((s) => Object.keys(s.report.categories)))];
  const rows = [
    ['flagged (any)', sets.map((s) => cell(s.report.overall))],
    ...categories.map((c) => [c, sets.map((s) => cell(s.report.categories[c]))] as const),
  ].map(
    ([name, cells]) =>
      `${String(name).padEnd(16)}${(cells as string[]).map((x) => x.padEnd(width)).join('  ')}`,
  );
  return [`${''.padEnd(16)}${head}`, `${'category'.padEnd(16)}${sub}`, ...rows].join('\n');
}

/**
 * The sets `eval` scores when given no file: the repository's own English split (`train` to tune
 * on, `holdout` to score a finished change) and, when it lies beside the repository, the shared
 * dev set.
 */
export function defaultSets(): { name: string; file: string }[] {
  const root = packageRoot();
  const candidates = [
    { name: 'train', file: path.join(root, 'test/fixtures/eval/en-train.jsonl') },
    { name: 'holdout', file: path.join(root, 'test/fixtures/eval/en-holdout.jsonl') },
    { name: 'dev', file: path.resolve(root, '../shared/eval/dev.jsonl') },
  ];
  return candidates.filter((c) => existsSync(c.file));
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'precision, recall and F1, overall and per category, on labelled JSON-lines files (side by side)',
    )
    .argument(
      '[files...]',
      'labelled JSON lines (id, title, summary, flag, categories); none: train, holdout and dev',
    )
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--show-misses', 'list false positives and false negatives')
    .option('--format <format>', 'text or json', 'text')
    .action((files: string[], opts: { config: string; showMisses?: boolean; format: string }) =>
      runCommand(program.opts(), async () => {
        if (opts.format !== 'text' && opts.format !== 'json')
          throw new SwError('USAGE', `--format must be text or json, not "${opts.format}"`);
        const sets =
          files.length > 0
            ? files.map((f) => ({ name: path.basename(f).replace(/\.jsonl?$/, ''), file: f }))
            : defaultSets();
        if (sets.length === 0)
          throw new SwError('USAGE', 'no labelled file given and no default set found');
        const config = await loadConfig(opts.config, process.env);
        const { matcher } = await compileFromConfig(config);
        const reports: NamedReport[] = [];
        for (const set of sets)
          reports.push({
            name: set.name,
            report: evaluateMatcher(matcher, await readLabelled(set.file)),
          });
        const strip = (r: EvalReport) => {
          if (opts.showMisses) return r;
          const { misses, ...rest } = r;
          void misses;
          return rest;
        };
        if (opts.format === 'json') {
          const out =
            files.length === 1
              ? strip(reports[0].report)
              : Object.fromEntries(reports.map((r) => [r.name, strip(r.report)]));
          process.stdout.write(`${JSON.stringify(out)}\n`);
        } else if (reports.length === 1) {
          process.stdout.write(`${formatReport(reports[0].report, opts.showMisses ?? false)}\n`);
        } else {
          process.stdout.write(`${formatSideBySide(reports)}\n`);
          if (opts.showMisses)
            for (const r of reports)
              process.stdout.write(`\n[${r.name}]\n${formatReport(r.report, true)}\n`);
        }
        return ExitCode.ok;
      }),
    );
}

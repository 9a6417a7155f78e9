import { readInputFile } from '../read-input.js';
import type { Command } from 'commander';
import { loadConfig, DEFAULT_CONFIG_PATH } from '../../config/load.js';
import { compileFromConfig } from '../../sources/compile.js';
import { SwError } from '../../errors.js';
import type { Matcher } from '../../matching/index.js';
import {
  evaluate,
  type EvalReport,
  type LabelledOutcome,
  type Scores,
} from '../../matching/metrics.js';
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

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'precision, recall and F1, overall and per category, on a labelled JSON-lines file',
    )
    .argument('<file>', 'labelled JSON lines (id, title, summary, flag, categories)')
    .option('--config <file>', 'config file', DEFAULT_CONFIG_PATH)
    .option('--show-misses', 'list false positives and false negatives')
    .option('--format <format>', 'text or json', 'text')
    .action((file: string, opts: { config: string; showMisses?: boolean; format: string }) =>
      runCommand(program.opts(), async () => {
        if (opts.format !== 'text' && opts.format !== 'json')
          throw new SwError('USAGE', `--format must be text or json, not "${opts.format}"`);
        const config = await loadConfig(opts.config);
        const { matcher } = await compileFromConfig(config);
        const report = evaluateMatcher(matcher, await readLabelled(file));
        if (opts.format === 'json') {
          const { misses, ...rest } = report;
          process.stdout.write(`${JSON.stringify(opts.showMisses ? report : rest)}\n`);
          void misses;
        } else {
          process.stdout.write(`${formatReport(report, opts.showMisses ?? false)}\n`);
        }
        return ExitCode.ok;
      }),
    );
}

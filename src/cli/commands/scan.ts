import { readInputFile } from '../read-input.js';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, CONFIG_HELP } from '../../config/load.js';
import { compileFromConfig } from '../../sources/compile.js';
import { itemLanguage } from '../../feeds/language.js';
import { readFeedSource } from '../../feeds/source.js';
import { SwError, errorLine } from '../../errors.js';
import type { Matcher, MatchResult } from '../../matching/index.js';
import { ExitCode, runCommand } from '../run.js';
import { feedScanItems, readAll, stdinItems, textItem, type ScanItem } from '../scan-input.js';

/** Largest document read from stdin, as for a feed body. */
const STDIN_MAX_BYTES = 15 * 1024 * 1024;

export interface ScanOptions {
  /** @defaultValue config/sanctionwatch.yaml */
  config?: string;
  /** @defaultValue jsonl when stdout is not a TTY, else text */
  format?: 'jsonl' | 'text';
}

/** One line of `scan --format jsonl` (SPEC). */
export interface ScanLine extends MatchResult {
  id: string;
  title: string;
  link?: string;
  published?: string;
  /** ISO 639-1 code: declared by the feed or page, else detected. */
  language?: string;
}

/** A `.txt` file is one item: its first line is the title, the rest the body. */
async function readTextItem(file: string): Promise<ScanItem[]> {
  const text = (await readInputFile(file)).toString('utf8');
  return [textItem(text, `file:${path.resolve(file)}`)];
}

async function readItems(source: string, stdin: NodeJS.ReadableStream): Promise<ScanItem[]> {
  // stdin may be a feed, an HTML page or plain text: `echo "…" | sanctionwatch scan -`.
  if (source === '-') return stdinItems(await readAll(stdin, STDIN_MAX_BYTES));
  if (!/^[a-z]+:/i.test(source) && /\.txt$/i.test(source)) return readTextItem(source);
  return feedScanItems(await readFeedSource(source));
}

export function scanLine(matcher: Matcher, item: ScanItem): ScanLine {
  const r = matcher.match({ title: item.title, body: item.body, published: item.published });
  const language = itemLanguage(item.language, item.title, item.body);
  // Key order follows SPEC's example line.
  return {
    id: item.id,
    title: item.title,
    ...(item.link !== undefined ? { link: item.link } : {}),
    ...(item.published !== undefined ? { published: item.published } : {}),
    ...(language !== undefined ? { language } : {}),
    flagged: r.flagged,
    categories: r.categories,
    score: r.score,
    matches: r.matches,
    evidence: r.evidence,
    ...(r.reasons ? { reasons: r.reasons } : {}),
  };
}

function textLine(l: ScanLine): string {
  const head = `${l.flagged ? 'FLAGGED' : 'ok     '} ${l.score.toFixed(2)} ${l.categories.join(',') || '-'}  ${l.title}`;
  if (!l.flagged) return head;
  const names = [...new Set(l.matches.filter((m) => m.kind === 'entity').map((m) => m.name))];
  const lines = [head];
  if (l.link) lines.push(`    ${l.link}`);
  if (names.length) lines.push(`    matches: ${names.join('; ')}`);
  for (const e of l.evidence) lines.push(`    > ${e}`);
  return lines.join('\n');
}

/** Runs the scan; returns the exit code (2 when a source could not be read). */
export async function runScan(sources: string[], opts: ScanOptions): Promise<number> {
  const config = await loadConfig(opts.config, process.env);
  const { matcher } = await compileFromConfig(config);
  const format = opts.format ?? (process.stdout.isTTY ? 'text' : 'jsonl');
  let failed = false;
  for (const source of sources) {
    let items: ScanItem[];
    try {
      items = await readItems(source, process.stdin);
    } catch (err) {
      failed = true;
      process.stderr.write(`sanctionwatch: ${source}: ${errorLine(err)}\n`);
      continue;
    }
    const out: string[] = [];
    for (const item of items) {
      const line = scanLine(matcher, item);
      out.push(format === 'jsonl' ? JSON.stringify(line) : textLine(line));
    }
    if (out.length) process.stdout.write(`${out.join('\n')}\n`);
  }
  return failed ? ExitCode.usage : ExitCode.ok;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'one-shot, offline: run the matcher over feed files, URLs, .txt articles or - (stdin: a feed, or an HTML page or plain text as one article)',
    )
    .argument(
      '<source...>',
      'feed file, http(s)/file URL, .txt article, or - for stdin (feed, HTML or text)',
    )
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--format <format>', 'jsonl (default when piped) or text')
    .action((sources: string[], opts: { config?: string; format?: string }) =>
      runCommand(program.opts(), async () => {
        if (opts.format !== undefined && opts.format !== 'jsonl' && opts.format !== 'text') {
          throw new SwError('USAGE', `--format must be jsonl or text, not "${opts.format}"`);
        }
        return runScan(sources, { config: opts.config, format: opts.format });
      }),
    );
}

import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { problemLine, problemsFromZod, type ConfigProblem } from '../config/problems.js';
import { SwError } from '../errors.js';
import { watchlistSchema, type Watchlist } from '../matching/watchlist-schema.js';

/** Parses one YAML file; a syntax error becomes a problem located by line. */
function parseYamlFile(text: string, file: string): { data?: unknown; problem?: ConfigProblem } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length === 0) return { data: doc.toJS() ?? {} };
  const e = doc.errors[0];
  const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
  const message = `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
  return { problem: { file, path: where, message } };
}

/**
 * Reads and validates watchlist files. Throws `WATCHLIST_INVALID` whose message is one
 * `<file>: <path>: <message>` line per problem, so a refused reload names the file.
 */
export async function loadWatchlistFiles(files: readonly string[]): Promise<Watchlist[]> {
  const lists: Watchlist[] = [];
  const problems: ConfigProblem[] = [];
  const owner = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      problems.push({ file, path: '', message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    const { data, problem } = parseYamlFile(text, file);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const parsed = watchlistSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(...problemsFromZod(file, parsed.error.issues, data));
      continue;
    }
    const first = owner.get(parsed.data.name);
    if (first !== undefined) {
      problems.push({
        file,
        path: 'name',
        message: `duplicate watchlist name "${parsed.data.name}" (also in ${first})`,
      });
      continue;
    }
    owner.set(parsed.data.name, file);
    lists.push(parsed.data);
  }
  if (problems.length) {
    throw new SwError('WATCHLIST_INVALID', problems.map(problemLine).join('\n'), {
      details: { problems },
    });
  }
  return lists;
}

/** Reads rule files as YAML data (validated when compiled). Throws `CONFIG_INVALID` naming the file. */
export async function loadRuleFiles(files: readonly string[]): Promise<unknown[]> {
  const rules: unknown[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((cause: unknown) => {
      throw new SwError('CONFIG_INVALID', `${file}: cannot read rules`, { cause });
    });
    const { data, problem } = parseYamlFile(text, file);
    if (problem) throw new SwError('CONFIG_INVALID', problemLine(problem));
    rules.push(data);
  }
  return rules;
}

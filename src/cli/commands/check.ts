import type { Command } from 'commander';
import { isSwError, SwError } from '../../errors.js';
import { loadConfig, CONFIG_HELP } from '../../config/load.js';
import { redactUrl } from '../../logger.js';
import { problemLine } from '../../config/problems.js';
import { compileSources } from '../../sources/compile.js';
import { loadMatcherSources } from '../../sources/load.js';
import { routeProblems } from '../../sources/route-check.js';
import { configWarnings, ruleCeilings } from '../../sources/config-warnings.js';
import type { Config } from '../../config/schema.js';
import type { Watchlist } from '../../matching/watchlist-schema.js';
import { ExitCode, runCommand, type GlobalFlags } from '../run.js';

interface CheckOptions {
  config: string;
}

/** Seconds, minutes or hours, whichever is whole: how an interval was likely written. */
function every(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}

/**
 * The summary `check` prints on success: each section's count, then what it holds, one per
 * line, so a typo in a name or a route that goes nowhere is visible before the daemon runs.
 */
export function summarise(config: Config, lists: readonly Watchlist[]): string {
  const enabled = config.feeds.filter((f) => f.enabled).length;
  const entries = lists.reduce((n, l) => n + l.entries.length, 0);
  const byType = new Map<string, number>();
  for (const c of config.channels) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
  const types = [...byType].map(([t, n]) => `${t}: ${n}`).join(', ');
  const files = config.watchlistFiles.length;
  return [
    `config ${config.configPath}: OK`,
    `feeds: ${config.feeds.length} (${enabled} enabled)`,
    ...config.feeds.map(
      (f) =>
        `  ${f.name}  every ${every(f.interval)}  ${redactUrl(f.url)}${f.enabled ? '' : '  (disabled)'}`,
    ),
    `watchlists: ${lists.length} with ${entries} entries (${files} file${files === 1 ? '' : 's'})`,
    ...lists.map((l) => `  ${l.name}  ${l.entries.length} entries`),
    `rules: ${config.ruleFiles.length ? `${config.ruleFiles.length} file${config.ruleFiles.length === 1 ? '' : 's'}` : 'built-in'}`,
    `channels: ${config.channels.length}${types ? ` (${types})` : ''}`,
    ...config.channels.map((c) => `  ${c.name}  ${c.type}`),
    `routes: ${config.routes.length}`,
    ...config.routes.map((r) => {
      const only = [
        r.minScore > 0 ? `minScore ${r.minScore}` : '',
        r.watchlists ? `watchlists: ${r.watchlists.join(', ')}` : '',
      ].filter(Boolean);
      return `  ${r.categories.join(', ')} → ${r.channels.join(', ')}${only.length ? `  (${only.join('; ')})` : ''}`;
    }),
  ].join('\n');
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('validate the config and watchlists and print a summary')
    .option('-c, --config <file>', CONFIG_HELP)
    .action((options: CheckOptions, command: Command) =>
      runCommand(command.optsWithGlobals<GlobalFlags>(), async () => {
        try {
          const config = await loadConfig(options.config, process.env);
          const sources = await loadMatcherSources(config);
          const lists = sources.watchlists;
          const { matcher } = compileSources(sources);
          const problems = routeProblems(
            config,
            matcher.categories,
            lists.map((l) => l.name),
          );
          if (problems.length > 0) {
            throw new SwError('CONFIG_INVALID', problems.map(problemLine).join('\n'), {
              details: { problems },
            });
          }
          process.stdout.write(`${summarise(config, lists)}\n`);
          // Valid but delivering nothing somewhere: said on stderr, still exit 0.
          for (const w of configWarnings(config, ruleCeilings(sources.rules)))
            process.stderr.write(`${problemLine({ ...w, message: `warning: ${w.message}` })}\n`);
          return ExitCode.ok;
        } catch (err) {
          // Every problem on its own line, which runCommand's one-line form would merge.
          if (isSwError(err, 'CONFIG_INVALID') || isSwError(err, 'WATCHLIST_INVALID')) {
            const count = Array.isArray(err.details?.problems)
              ? err.details.problems.length
              : undefined;
            process.stderr.write(`${err.message}\n`);
            process.stderr.write(
              `sanctionwatch: ${count ?? 'some'} problem${count === 1 ? '' : 's'} found\n`,
            );
            return ExitCode.usage;
          }
          throw err;
        }
      }),
    );
}

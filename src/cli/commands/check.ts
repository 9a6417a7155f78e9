import type { Command } from 'commander';
import { isSwError, SwError } from '../../errors.js';
import { loadConfig, CONFIG_HELP } from '../../config/load.js';
import { problemLine } from '../../config/problems.js';
import { compileSources } from '../../sources/compile.js';
import { loadMatcherSources } from '../../sources/load.js';
import { routeProblems } from '../../sources/route-check.js';
import type { Config } from '../../config/schema.js';
import type { Watchlist } from '../../matching/watchlist-schema.js';
import { ExitCode, runCommand, type GlobalFlags } from '../run.js';

interface CheckOptions {
  config: string;
}

/** The summary `check` prints on success. */
export function summarise(config: Config, lists: readonly Watchlist[]): string {
  const enabled = config.feeds.filter((f) => f.enabled).length;
  const entries = lists.reduce((n, l) => n + l.entries.length, 0);
  const byType = new Map<string, number>();
  for (const c of config.channels) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
  const types = [...byType].map(([t, n]) => `${t}: ${n}`).join(', ');
  return [
    `config ${config.configPath}: OK`,
    `feeds: ${config.feeds.length} (${enabled} enabled)`,
    `watchlists: ${lists.length} with ${entries} entries (${config.watchlistFiles.length} file${config.watchlistFiles.length === 1 ? '' : 's'})`,
    `rules: ${config.ruleFiles.length ? `${config.ruleFiles.length} file${config.ruleFiles.length === 1 ? '' : 's'}` : 'built-in'}`,
    `channels: ${config.channels.length}${types ? ` (${types})` : ''}`,
    `routes: ${config.routes.length}`,
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

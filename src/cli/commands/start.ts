import type { Command } from 'commander';
import { ROLES, type Role } from '../../app/context.js';
import { runDaemon } from '../../app/daemon.js';
import { loadConfig, CONFIG_HELP } from '../../config/load.js';
import { SwError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { runCommand } from '../run.js';
import type { Config } from '../../config/schema.js';
import { problemLine } from '../../config/problems.js';
import { compileSources } from '../../sources/compile.js';
import { loadMatcherSources } from '../../sources/load.js';
import { routeProblems } from '../../sources/route-check.js';

/** A route naming a category no rule makes, or a list not loaded, would never alert: refuse it. */
async function checkRoutes(config: Config): Promise<void> {
  const sources = await loadMatcherSources(config);
  const { matcher } = compileSources(sources);
  const problems = routeProblems(
    config,
    matcher.categories,
    sources.watchlists.map((w) => w.name),
  );
  if (problems.length > 0)
    throw new SwError('CONFIG_INVALID', problems.map(problemLine).join('\n'), {
      details: { problems },
    });
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the daemon')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('-r, --role <role>', `which workers to run: ${ROLES.join(', ')}`, 'all')
    .option('-p, --port <port>', 'ops server port (default: $SW_HTTP_PORT, then http.port)')
    .action((opts: { config: string; role: string; port?: string }) =>
      runCommand(program.opts(), async () => {
        if (!ROLES.includes(opts.role as Role)) {
          throw new SwError(
            'USAGE',
            `--role must be one of ${ROLES.join(', ')} (got "${opts.role}")`,
          );
        }
        const config = await loadConfig(opts.config, process.env, { portFlag: opts.port });
        await checkRoutes(config);
        const logger = createLogger(config.logging);
        await runDaemon({ config, logger, role: opts.role as Role });
      }),
    );
}

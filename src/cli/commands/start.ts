import type { Command } from 'commander';
import { ROLES, type Role } from '../../app/context.js';
import { runDaemon } from '../../app/daemon.js';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../config/load.js';
import { SwError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { runCommand } from '../run.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the daemon')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_PATH)
    .option('-r, --role <role>', `which workers to run: ${ROLES.join(', ')}`, 'all')
    .action((opts: { config: string; role: string }) =>
      runCommand(program.opts(), async () => {
        if (!ROLES.includes(opts.role as Role)) {
          throw new SwError(
            'USAGE',
            `--role must be one of ${ROLES.join(', ')} (got "${opts.role}")`,
          );
        }
        const config = await loadConfig(opts.config);
        const logger = createLogger(config.logging);
        await runDaemon({ config, logger, role: opts.role as Role });
      }),
    );
}

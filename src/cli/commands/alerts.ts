import type { Command } from 'commander';
import { SwError } from '../../errors.js';
import { runCommand } from '../run.js';

// Placeholder until the issue that builds `alerts` lands.
export function registerAlerts(program: Command): void {
  program
    .command('alerts')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() =>
      runCommand({}, () => Promise.reject(new SwError('USAGE', 'alerts is not built yet'))),
    );
}

import type { Command } from 'commander';
import { SwError } from '../../errors.js';
import { runCommand } from '../run.js';

// Placeholder until the issue that builds `check` lands.
export function registerCheck(program: Command): void {
  program
    .command('check')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() =>
      runCommand({}, () => Promise.reject(new SwError('USAGE', 'check is not built yet'))),
    );
}

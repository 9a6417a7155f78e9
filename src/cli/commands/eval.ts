import type { Command } from 'commander';
import { SwError } from '../../errors.js';
import { runCommand } from '../run.js';

// Placeholder until the issue that builds `eval` lands.
export function registerEval(program: Command): void {
  program
    .command('eval')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() =>
      runCommand({}, () => Promise.reject(new SwError('USAGE', 'eval is not built yet'))),
    );
}

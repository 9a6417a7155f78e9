import type { Command } from 'commander';
import { SwError } from '../../errors.js';
import { runCommand } from '../run.js';

// Placeholder until the issue that builds `demo` lands.
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() =>
      runCommand({}, () => Promise.reject(new SwError('USAGE', 'demo is not built yet'))),
    );
}

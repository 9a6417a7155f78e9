import type { Command } from 'commander';
import { SwError } from '../../errors.js';
import { runCommand } from '../run.js';

// Placeholder until the issue that builds `import` lands.
export function registerImport(program: Command): void {
  program
    .command('import')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() =>
      runCommand({}, () => Promise.reject(new SwError('USAGE', 'import is not built yet'))),
    );
}

import { Command, CommanderError } from 'commander';
import { ExitCode } from './run.js';
import { registerStart } from './commands/start.js';
import { registerCheck } from './commands/check.js';
import { registerScan } from './commands/scan.js';
import { registerEval } from './commands/eval.js';
import { registerImport } from './commands/import.js';
import { registerAlerts } from './commands/alerts.js';

export function buildProgram(): Command {
  const program = new Command('sanctionwatch')
    .description(
      'Watches news feeds for UN sanctions violations and arms transfers, and alerts analysts.',
    )
    .option('--verbose', 'print stacks with errors')
    .showHelpAfterError()
    .exitOverride();
  registerStart(program);
  registerCheck(program);
  registerScan(program);
  registerEval(program);
  registerImport(program);
  registerAlerts(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is bad usage.
      process.exitCode =
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
          ? ExitCode.ok
          : ExitCode.usage;
      return;
    }
    throw err;
  }
}

import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../demo/paths.js';
import { addExamples } from './examples.js';
import { ExitCode } from './run.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: `scan` and `check` then start
 * without loading BullMQ, fastify and nodemailer.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  start: async () => (await import('./commands/start.js')).registerStart,
  check: async () => (await import('./commands/check.js')).registerCheck,
  scan: async () => (await import('./commands/scan.js')).registerScan,
  eval: async () => (await import('./commands/eval.js')).registerEval,
  import: async () => (await import('./commands/import.js')).registerImport,
  alerts: async () => (await import('./commands/alerts.js')).registerAlerts,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
};

/** Builds the program with the commands `argv` needs (all of them for help or an unknown one). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('sanctionwatch')
    .description(
      'Watches news feeds for UN sanctions violations and arms transfers, and alerts analysts.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--verbose', 'print stacks with errors')
    .showSuggestionAfterError(true)
    // One line on stderr, the suggestion included: "error: unknown command 'sacn' (Did you mean scan?)".
    .configureOutput({
      outputError: (text, write) =>
        write(
          `sanctionwatch: ${text
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()}\n`,
        ),
    })
    .exitOverride();
  const named = argv.find((a) => !a.startsWith('-'));
  const names = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]())(program);
  addExamples(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(argv);
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

import { SwError, errorLine, type ErrorCode } from '../errors.js';

/** Exit codes of the command line (SPEC): 0 success, 1 runtime failure, 2 bad usage/config/input. */
export const ExitCode = { ok: 0, runtime: 1, usage: 2 } as const;

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'USAGE',
  'CONFIG_INVALID',
  'CONFIG_UNREADABLE',
  'INPUT_UNREADABLE',
  'WATCHLIST_INVALID',
]);

export function exitCodeFor(err: unknown): number {
  if (err instanceof SwError && USAGE_CODES.has(err.code)) return ExitCode.usage;
  return ExitCode.runtime;
}

/** Global flags every command sees. */
export interface GlobalFlags {
  verbose?: boolean;
}

/**
 * Runs a command body: errors become one line on stderr (the stack with `--verbose`) and an
 * exit code. Never calls `process.exit()`, so piped stdout is flushed before the process ends.
 */
export async function runCommand(
  flags: GlobalFlags,
  body: () => Promise<number | void>,
): Promise<void> {
  try {
    const code = await body();
    if (typeof code === 'number') process.exitCode = code;
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    process.stderr.write(`sanctionwatch: ${errorLine(err)}\n`);
    if (flags.verbose && err instanceof Error) {
      process.stderr.write(`${err.stack ?? ''}\n`);
      let cause: unknown = err.cause;
      while (cause instanceof Error) {
        process.stderr.write(`caused by: ${cause.stack ?? cause.message}\n`);
        cause = cause.cause;
      }
    }
  }
}

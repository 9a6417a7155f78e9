import type { Command } from 'commander';
import { runDemo } from '../../demo/run.js';
import { SwError } from '../../errors.js';
import { runCommand } from '../run.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run on bundled sample feeds with an in-process mail catcher and webhook receiver (needs only Redis)',
    )
    .option('-p, --port <n>', 'dashboard (ops HTTP) port; 0 picks a free one', '0')
    .action((opts: { port: string }) =>
      runCommand(program.opts(), async () => {
        const port = Number(opts.port);
        if (!/^\d+$/.test(opts.port) || port > 65535) {
          throw new SwError(
            'USAGE',
            `--port must be a number from 0 to 65535 (got "${opts.port}")`,
          );
        }
        // Like `check`, the command layer hands the environment to the config loader.
        await runDemo({ port, env: process.env });
      }),
    );
}

import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { runCli } from '../helpers/cli.js';

/** Every command path the CLI has (`scan`, `alerts retry`, …), from the program itself. */
function commandPaths(command: Command, parent: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...parent, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

describe('sanctionwatch <command> --help (process)', () => {
  it('shows an example under every command, and exits 0', async () => {
    const paths = commandPaths(await buildProgram());
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['start', 'check', 'scan', 'eval', 'import', 'demo', 'alerts retry']),
    );
    const runs = await Promise.all(paths.map((p) => runCli([...p, '--help'])));
    runs.forEach((r, i) => {
      const name = paths[i].join(' ');
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toContain(`Usage: sanctionwatch ${name}`);
      expect(r.stdout, name).toMatch(/\nExamples?:\n {2}\$ sanctionwatch /);
    });
  }, 60_000);
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './config.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to the test process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed. @defaultValue empty */
  stdin?: string;
  /** Called with all stdout so far on every chunk; `kill` sends SIGTERM. */
  onStdout?: (stdout: string, kill: () => void) => void;
}

/** Runs `sanctionwatch ARGS` as users do (`bin/sanctionwatch.js`) and collects its output and exit code. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/sanctionwatch.js'), ...args], {
      env: { ...process.env, ...options.env },
      cwd: repoRoot,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      options.onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

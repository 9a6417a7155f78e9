import { readFile } from 'node:fs/promises';
import { SwError } from '../errors.js';

/** Reads a file named on the command line; an unreadable one is bad input (exit 2). */
export async function readInputFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    throw new SwError(
      'INPUT_UNREADABLE',
      `cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
      { cause },
    );
  }
}

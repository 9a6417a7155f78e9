import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root folder (the one holding `demo/` and `config/`), found from this
 * module's location: `src/demo/` under tsx, `dist/src/demo/` when built, `/app/dist/...` in the
 * container, `node_modules/sanctionwatch/dist/...` under npx. Never the working directory.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    if (isOurPackage(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`no sanctionwatch package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

function isOurPackage(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'sanctionwatch';
  } catch {
    return false;
  }
}

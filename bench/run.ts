// `npm run bench -- <name>` runs bench/<name>.ts; with no name, every bench in this folder in turn.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length
  ? wanted
  : readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
      .map((f) => f.slice(0, -3))
      .sort();
for (const name of names) {
  if (!/^[a-z0-9_-]+$/i.test(name)) throw new Error(`bad bench name "${name}"`);
  await import(`./${name}.ts`);
}

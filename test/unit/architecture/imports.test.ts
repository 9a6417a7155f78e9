import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/** Every TypeScript file under src/, as a path relative to src/. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

/** The project files a source file imports (relative specifiers), as paths relative to src/. */
function projectImports(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), s)));
}

const layer = (file: string) => (file.includes(path.sep) ? file.split(path.sep)[0] : file);

/** What each layer may not import (docs/architecture.md): `allow` lists, or `deny` lists. */
const RULES: Record<string, { allow?: string[]; deny?: string[] }> = {
  config: { allow: ['config', 'errors.js'] },
  matching: { allow: ['matching'] },
  http: { deny: ['app', 'cli'] },
  pipeline: { deny: ['app', 'cli', 'http'] },
  // The store keeps alerts and items, so it may name their types; it never calls back up.
  store: { deny: ['app', 'cli', 'http', 'pipeline', 'lists'] },
  feeds: { deny: ['app', 'cli', 'http', 'pipeline'] },
  sources: { deny: ['app', 'cli', 'http', 'pipeline'] },
  queues: { deny: ['app', 'cli', 'http', 'pipeline'] },
};

describe('what may import what (docs/architecture.md)', () => {
  const files = sourceFiles();

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(path.join('pipeline', 'poll.ts'));
  });

  it('keeps every layer inside its allowed imports', () => {
    const violations: string[] = [];
    for (const file of files) {
      const rule = RULES[layer(file)];
      if (!rule) continue;
      for (const target of projectImports(file)) {
        const to = layer(target.replace(/\.js$/, '.js'));
        const bad = rule.allow ? !rule.allow.includes(to) : rule.deny!.includes(to);
        if (bad) violations.push(`${file} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps every source file under 300 lines', () => {
    const long = files
      .map((f) => ({ f, lines: readFileSync(path.join(SRC, f), 'utf8').split('\n').length }))
      .filter((x) => x.lines > 300)
      .map((x) => `${x.f}: ${x.lines}`);
    expect(long).toEqual([]);
  });
});

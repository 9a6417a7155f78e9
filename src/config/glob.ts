import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const MAGIC = /[*?[]/;

function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (const ch of segment) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function entries(dir: string): Promise<{ name: string; dir: boolean }[]> {
  try {
    const list = await readdir(dir, { withFileTypes: true });
    return list.map((d) => ({ name: d.name, dir: d.isDirectory() }));
  } catch {
    return [];
  }
}

/**
 * Expands a glob with `*`, `?` and `**` (any depth of folders) into the absolute paths of the
 * files it matches, sorted. A pattern without wildcards yields the file when it exists. Hidden
 * files match only when the pattern names them. (Node 20 has no stable `fs.glob`.)
 */
export async function expandGlob(pattern: string, baseDir: string): Promise<string[]> {
  const abs = path.resolve(baseDir, pattern);
  const parts = abs.split(path.sep);
  const firstMagic = parts.findIndex((p) => MAGIC.test(p) || p === '**');
  if (firstMagic === -1) {
    const s = await stat(abs).catch(() => undefined);
    return s?.isFile() ? [abs] : [];
  }
  const root = parts.slice(0, firstMagic).join(path.sep) || path.sep;
  const rest = parts.slice(firstMagic);
  const found = new Set<string>();

  const visit = async (dir: string, i: number): Promise<void> => {
    const seg = rest[i];
    const last = i === rest.length - 1;
    if (seg === '**') {
      if (last) {
        for (const e of await entries(dir)) {
          if (e.name.startsWith('.')) continue;
          const p = path.join(dir, e.name);
          if (e.dir) await visit(p, i);
          else found.add(p);
        }
        return;
      }
      await visit(dir, i + 1);
      for (const e of await entries(dir)) {
        if (e.dir && !e.name.startsWith('.')) await visit(path.join(dir, e.name), i);
      }
      return;
    }
    const re = segmentRegExp(seg);
    for (const e of await entries(dir)) {
      if (e.name.startsWith('.') && !seg.startsWith('.')) continue;
      if (!re.test(e.name)) continue;
      const p = path.join(dir, e.name);
      if (last) {
        if (!e.dir) found.add(p);
      } else if (e.dir) {
        await visit(p, i + 1);
      }
    }
  };
  await visit(root, 0);
  return [...found].sort();
}

import type { ZodIssue } from 'zod';

/** One thing wrong with a config or watchlist file, located by file and path. */
export interface ConfigProblem {
  /** Absolute path of the file (or `<inline>`). */
  file: string;
  /** Path inside the document, e.g. `feeds[2].url`; empty for the whole document. */
  path: string;
  message: string;
}

/** `['feeds', 2, 'url']` → `feeds[2].url`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** `<file>: <path>: <message>`, the line `check` prints for each problem. */
export function problemLine(p: ConfigProblem): string {
  return `${p.file}: ${p.path === '' ? '(top level)' : p.path}: ${p.message}`;
}

function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

/** Turns zod issues into problems; unknown keys become one problem per key, named in the path. */
export function problemsFromZod(
  file: string,
  issues: readonly ZodIssue[],
  input: unknown,
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ file, path: formatPath([...issue.path, key]), message: 'unknown key' });
      continue;
    }
    if (issue.code === 'invalid_union_discriminator') {
      const got = valueAt(input, issue.path);
      const expected = issue.options.map(String).join(', ');
      out.push({
        file,
        path: formatPath(issue.path),
        message:
          got === undefined
            ? `required (one of ${expected})`
            : `unknown type ${JSON.stringify(got)} (expected one of ${expected})`,
      });
      continue;
    }
    if (issue.code === 'invalid_type' && issue.received === 'undefined') {
      out.push({ file, path: formatPath(issue.path), message: `required (${issue.expected})` });
      continue;
    }
    out.push({ file, path: formatPath(issue.path), message: issue.message });
  }
  return out;
}

import { isMap, isScalar, isSeq, isPair, type Document } from 'yaml';
import type { ConfigProblem } from './problems.js';
import { formatPath } from './problems.js';

const PLACEHOLDER = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const WHOLE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value of the document, in place
 * (`$$` is a literal `$`). Done on parsed scalars, not on the text, so a value from the
 * environment can never change the YAML structure. An unquoted scalar that is one placeholder
 * takes the type its value reads as (`port: ${PORT:-8080}` is a number). The paths of values that
 * are one placeholder filled from its default go into `defaulted`: the loader tells from them
 * whether the operator chose a value (a private Redis is started only when none was chosen).
 */
export function interpolateDocument(
  doc: Document,
  env: Readonly<Record<string, string | undefined>>,
  file: string,
  defaulted?: Set<string>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('$')) {
      const original = node.value;
      let missing = false;
      let usedDefault = false;
      const replaced = original.replace(PLACEHOLDER, (m: string, name?: string, def?: string) => {
        if (m === '$$') return '$';
        const value = env[name!];
        // Shell rules: `:-` also replaces an empty value; a bare `${VAR}` keeps an empty one.
        if (def !== undefined) {
          if (value !== undefined && value !== '') return value;
          usedDefault = true;
          return def;
        }
        if (value !== undefined) return value;
        problems.push({
          file,
          path: formatPath(path),
          message: `environment variable ${name} is not set (and has no default: use \${${name}:-default})`,
        });
        missing = true;
        return '';
      });
      if (missing) return;
      if (usedDefault && WHOLE.test(original)) defaulted?.add(formatPath(path));
      node.value = node.type === 'PLAIN' && WHOLE.test(original) ? typed(replaced) : replaced;
    }
  };
  walk(doc.contents, []);
  return problems;
}

function typed(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

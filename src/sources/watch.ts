import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchOptions {
  /** Quiet time after the last change before `onChange` runs. @defaultValue 250 */
  debounceMs?: number;
  /** Called when a folder cannot be watched (removed, permissions). @defaultValue ignored */
  onError?: (err: Error, dir: string) => void;
}

export interface WatchlistWatcher {
  close(): void;
}

/**
 * Watches the folders holding the given watchlist files (folders, not files: editors and
 * {@link writeFileAtomic} replace files by rename, which a file watch would lose) and calls
 * `onChange` with the changed paths, debounced so one save gives one call. Temp and hidden
 * files are ignored. Only files in `files` count, unless `files` holds a folder, whose
 * `.yaml`/`.yml` files all count.
 */
export function watchWatchlists(
  files: readonly string[],
  onChange: (changed: string[]) => void,
  options: WatchOptions = {},
): WatchlistWatcher {
  const debounceMs = options.debounceMs ?? 250;
  const wanted = new Set(files.map((f) => path.resolve(f)));
  const dirs = new Set<string>();
  for (const f of wanted) dirs.add(/\.ya?ml$/iu.test(f) ? path.dirname(f) : f);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];

  const relevant = (file: string) => {
    const base = path.basename(file);
    if (base.startsWith('.') || base.endsWith('.tmp') || base.endsWith('~')) return false;
    return wanted.has(file) || (wanted.has(path.dirname(file)) && /\.ya?ml$/iu.test(base));
  };
  for (const dir of dirs) {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (!name) return;
        const file = path.join(dir, name.toString());
        if (!relevant(file)) return;
        pending.add(file);
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = undefined;
          const changed = [...pending].sort();
          pending.clear();
          onChange(changed);
        }, debounceMs);
      });
      w.on('error', (err) => options.onError?.(err, dir));
      watchers.push(w);
    } catch (err) {
      options.onError?.(err as Error, dir);
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

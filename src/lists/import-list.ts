import { importOfac } from './ofac.js';
import { importOpenSanctions } from './opensanctions.js';
import { serializeWatchlist } from './output.js';
import type { ImportOptions, ImportResult, ListType } from './types.js';
import { importUn } from './un.js';

/** The bytes of one list download: the main file and, for OFAC, the alternate names. */
export interface ListInput {
  main: Buffer | string;
  /** OFAC alternate-names CSV. */
  aliases?: Buffer | string;
}

const text = (b: Buffer | string) => (typeof b === 'string' ? b : b.toString('utf8'));

/** Imports a list of the given type from its bytes (no I/O). */
export function importList(
  type: ListType,
  input: ListInput,
  options: ImportOptions = {},
): ImportResult {
  switch (type) {
    case 'un':
      return importUn(input.main, options);
    case 'ofac':
      return importOfac(
        text(input.main),
        input.aliases === undefined ? undefined : text(input.aliases),
        options,
      );
    case 'opensanctions':
      return importOpenSanctions(text(input.main), options);
  }
}

/** Imports and serialises: the exact bytes of the watchlist file. */
export function importToYaml(
  type: ListType,
  input: ListInput,
  options: ImportOptions = {},
): { yaml: string; result: ImportResult } {
  const result = importList(type, input, options);
  return { yaml: serializeWatchlist(result.watchlist), result };
}

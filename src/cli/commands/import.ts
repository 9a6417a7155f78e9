import path from 'node:path';
import type { Command } from 'commander';
import { SwError, isSwError } from '../../errors.js';
import { importToYaml } from '../../lists/import-list.js';
import { readInputFile } from '../read-input.js';
import { writeFileAtomic } from '../../lists/output.js';
import { listTypes, type ListType } from '../../lists/types.js';
import { runCommand, type GlobalFlags } from '../run.js';

interface ImportFlags {
  out: string;
  aliases?: string;
  name?: string;
}

/** `sanctionwatch import un|ofac|opensanctions FILE --out F`: an official list as a watchlist file. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('turn an official sanctions list into a watchlist file')
    .argument('<type>', `list type: ${listTypes.join(', ')}`)
    .argument('<file>', 'the list as published (UN XML, OFAC SDN CSV, FollowTheMoney JSON lines)')
    .requiredOption('-o, --out <file>', 'watchlist file to write (YAML)')
    .option('--aliases <file>', 'OFAC only: the alternate-names CSV (alt.csv)')
    .option('--name <name>', 'watchlist name (default: un-consolidated, ofac-sdn, opensanctions)')
    .action((type: string, file: string, flags: ImportFlags, cmd: Command) =>
      runCommand(cmd.optsWithGlobals<GlobalFlags>(), () => runImport(type, file, flags)),
    );
}

async function runImport(type: string, file: string, flags: ImportFlags): Promise<void> {
  if (!(listTypes as readonly string[]).includes(type)) {
    throw new SwError('USAGE', `unknown list type "${type}" (expected ${listTypes.join(', ')})`);
  }
  const listType = type as ListType;
  if (flags.aliases && listType !== 'ofac')
    throw new SwError('USAGE', '--aliases is for ofac only');
  const started = performance.now();
  const main = await readInputFile(file);
  const aliases = flags.aliases ? await readInputFile(flags.aliases) : undefined;
  let out;
  try {
    out = importToYaml(
      listType,
      { main, aliases },
      { name: flags.name, source: sourceOf(file, flags.aliases) },
    );
  } catch (err) {
    // A file that is not the list it claims to be is bad input, not a runtime failure.
    if (isSwError(err, 'LIST_IMPORT'))
      throw new SwError('INPUT_UNREADABLE', `${file}: ${err.message}`, { cause: err });
    throw err;
  }
  await writeFileAtomic(flags.out, out.yaml);
  const { stats, warnings } = out.result;
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `${out.result.watchlist.name}: ${stats.records} records, ${stats.entries} entries, ${stats.names} names, ` +
      `${stats.weakAliases} weak aliases, ${stats.identifiers} identifiers, ${stats.skipped} skipped → ${flags.out} (${ms} ms)\n`,
  );
}

/** The source note: file names only, so the output does not depend on where the input sat. */
function sourceOf(file: string, aliases?: string): string {
  return aliases ? `${path.basename(file)} + ${path.basename(aliases)}` : path.basename(file);
}

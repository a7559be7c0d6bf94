/**
 * The options every lookup command shares (where the aliases come from) and
 * opening the lookup engine from them:
 *   --index FILE        a compiled index;
 *   --alias-file FILE   a modules.alias, compiled in memory;
 *   both                the index when it is valid and fresh for that alias
 *                       file, otherwise (said on stderr) the alias file;
 *   neither             the kernel's files, found as modprobe does
 *                       (-b/--basedir, -S/--set-version), chosen the same
 *                       way between its modules.alias and modules.alias.index;
 *   --refresh           with a pair as above, rewrite a missing, bad or stale
 *                       index from the alias file; a failed write is reported
 *                       and the lookup still answers from memory.
 */
import type { Command } from "commander";
import type { AliasIndex } from "../index/compile.js";
import { compileAliasFile } from "../io/alias-file.js";
import { saveIndexFile, loadIndexFile } from "../io/index-file.js";
import { findKernelFiles } from "../io/kernel.js";
import { loadPairedIndex } from "../io/paired-index.js";
import { recordsMtime } from "../io/reproducible.js";
import { AliasLookup } from "../lookup/lookup.js";
import { CliError } from "./errors.js";
import { reportProblems } from "./problems.js";

export interface SourceOptions {
  index?: string;
  aliasFile?: string;
  basedir?: string;
  setVersion?: string;
  strict?: boolean;
  refresh?: boolean;
}

/** An index and the alias file it should have been compiled from. */
interface Pair {
  indexFile: string;
  aliasFile: string;
  /** Whether to say that the index is missing (not for the kernel's optional index). */
  reportMissing: boolean;
}

/** Add the alias source options to a command. */
export function addSourceOptions(command: Command): Command {
  return command
    .option("--index <file>", "use this compiled index (with --alias-file: only if fresh for it)")
    .option("--alias-file <file>", "use this modules.alias (compiled in memory)")
    .option("-b, --basedir <dir>", "root of the module tree, as modprobe -d", undefined)
    .option("-S, --set-version <version>", "kernel version (default: uname -r)")
    .option("--strict", "fail on malformed alias lines instead of skipping them")
    .option("--refresh", "rewrite a missing, bad or stale index from its alias file");
}

/** Open the lookup engine the options name. */
export async function openLookup(options: SourceOptions): Promise<AliasLookup> {
  return new AliasLookup(await openIndex(options));
}

async function openIndex(options: SourceOptions): Promise<AliasIndex> {
  const { index, aliasFile } = options;
  if (index !== undefined && aliasFile === undefined) {
    if (options.refresh) throw new CliError("--refresh needs the alias file to compile the index from (--alias-file)");
    return loadIndexFile(index);
  }
  if (aliasFile !== undefined && index === undefined) {
    if (options.refresh) throw new CliError("--refresh needs the index file to rewrite (--index)");
    return compileReported(aliasFile, options, false);
  }
  const pair: Pair =
    index !== undefined && aliasFile !== undefined
      ? { indexFile: index, aliasFile, reportMissing: true }
      : { ...(await findKernelFiles({ basedir: options.basedir, version: options.setVersion })), reportMissing: false };
  return openPair(pair, options);
}

/** The pair's index when valid and fresh, else its alias file compiled (and, with --refresh, saved). */
async function openPair(pair: Pair, options: SourceOptions): Promise<AliasIndex> {
  const loaded = await loadPairedIndex(pair.indexFile, pair.aliasFile);
  if (loaded.ok) return loaded.index;
  if (loaded.kind !== "missing" || pair.reportMissing) {
    process.stderr.write(`modalias: ${loaded.problem}; using ${pair.aliasFile}\n`);
  }
  const compiled = await compileReported(pair.aliasFile, options, options.refresh === true);
  if (options.refresh) await refresh(pair.indexFile, compiled);
  return compiled;
}

async function compileReported(path: string, options: SourceOptions, forSaving: boolean): Promise<AliasIndex> {
  const compiled = await compileAliasFile(path, { recordMtime: forSaving ? recordsMtime(true) : true });
  reportProblems(path, compiled.problems, options.strict === true);
  return compiled.index;
}

/** Save a recompiled index; a failure is reported, not fatal. */
async function refresh(indexFile: string, index: AliasIndex): Promise<void> {
  try {
    await saveIndexFile(indexFile, index);
    process.stderr.write(`modalias: refreshed ${indexFile}\n`);
  } catch (error) {
    process.stderr.write(`modalias: warning: could not refresh the index: ${(error as Error).message}\n`);
  }
}

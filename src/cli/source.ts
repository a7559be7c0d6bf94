/**
 * The options every lookup command shares (where the aliases come from) and
 * opening the lookup engine from them:
 *   --index FILE        a compiled index;
 *   --alias-file FILE   a modules.alias, compiled in memory;
 *   neither             the kernel's files, found as modprobe does
 *                       (-b/--basedir, -S/--set-version): its compiled index
 *                       when one exists and matches modules.alias, otherwise
 *                       modules.alias compiled in memory.
 */
import { createHash } from "node:crypto";
import { access, readFile, stat } from "node:fs/promises";
import type { Command } from "commander";
import type { AliasIndex } from "../index/compile.js";
import type { IndexHeader } from "../index/format.js";
import { compileAliasFile } from "../io/alias-file.js";
import { loadIndexFile, readIndexHeader } from "../io/index-file.js";
import { findKernelFiles } from "../io/kernel.js";
import { AliasLookup } from "../lookup/lookup.js";
import { CliError } from "./errors.js";
import { reportProblems } from "./problems.js";

export interface SourceOptions {
  index?: string;
  aliasFile?: string;
  basedir?: string;
  setVersion?: string;
  strict?: boolean;
}

/** Add the alias source options to a command. */
export function addSourceOptions(command: Command): Command {
  return command
    .option("--index <file>", "use this compiled index")
    .option("--alias-file <file>", "use this modules.alias (compiled in memory)")
    .option("-b, --basedir <dir>", "root of the module tree, as modprobe -d", undefined)
    .option("-S, --set-version <version>", "kernel version (default: uname -r)")
    .option("--strict", "fail on malformed alias lines instead of skipping them");
}

/** Open the lookup engine the options name. */
export async function openLookup(options: SourceOptions): Promise<AliasLookup> {
  return new AliasLookup(await openIndex(options));
}

async function openIndex(options: SourceOptions): Promise<AliasIndex> {
  if (options.index !== undefined && options.aliasFile !== undefined) {
    throw new CliError("--index and --alias-file exclude each other");
  }
  if (options.index !== undefined) return loadIndexFile(options.index);
  if (options.aliasFile !== undefined) return compileReported(options.aliasFile, options.strict === true);
  const kernel = await findKernelFiles({ basedir: options.basedir, version: options.setVersion });
  const hasIndex = await access(kernel.indexFile).then(() => true, () => false);
  if (hasIndex) {
    try {
      if (await isFresh(await readIndexHeader(kernel.indexFile), kernel.aliasFile)) return await loadIndexFile(kernel.indexFile);
      process.stderr.write(`modalias: ${kernel.indexFile} is stale (${kernel.aliasFile} changed); using the alias file\n`);
    } catch (error) {
      process.stderr.write(`modalias: ${(error as Error).message}; using the alias file\n`);
    }
  }
  return compileReported(kernel.aliasFile, options.strict === true);
}

async function compileReported(path: string, strict: boolean): Promise<AliasIndex> {
  const compiled = await compileAliasFile(path);
  reportProblems(path, compiled.problems, strict);
  return compiled.index;
}

/** True when the index was compiled from the alias file as it is now. */
export async function isFresh(header: IndexHeader, aliasFile: string): Promise<boolean> {
  const info = await stat(aliasFile);
  if (info.size !== header.source.size) return false;
  if (header.source.mtimeMs !== null && header.source.mtimeMs === Math.trunc(info.mtimeMs)) return true;
  const bytes = await readFile(aliasFile);
  return createHash("sha256").update(bytes).digest("hex") === header.source.sha256;
}

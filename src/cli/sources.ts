/**
 * The options every lookup command shares (where the aliases come from) and
 * opening the lookup engine from them:
 *   --index FILE        a compiled index;
 *   --alias-file FILE   a modules.alias, compiled in memory (with
 *                       --builtin-modinfo FILE, built-in aliases too);
 *   both                the index when it is valid and fresh for those
 *                       files, otherwise (said on stderr) the files;
 *   neither             the kernel's files, found as modprobe does
 *                       (-b/--basedir, -S/--set-version): modules.alias,
 *                       modules.builtin.modinfo and the name lists
 *                       (modules.dep, modules.symbols, modules.builtin), or
 *                       modules.alias.index when it is fresh for them; a
 *                       text file newer than depmod's binary one beside it is
 *                       warned about once (kmod reads the binary, we the
 *                       text); with no modules.alias at all, the
 *                       configuration and whatever name lists the kernel has
 *                       answer (as kmod does), and only when there is none
 *                       of them is the missing file an error;
 *   --refresh           with a pair as above, rewrite a missing, bad or stale
 *                       index from its files; a failed write is reported
 *                       and the lookup still answers from memory.
 * modprobe's configuration aliases come first, as in kmod (its `install` and
 * `remove` commands' names after the module tree's names): for the kernel's
 * files read from modprobe.d as modprobe does, or from the -C/--config
 * paths (which replace those, and also apply to --index/--alias-file);
 * --no-config leaves them out. Where the configuration has a `*.alias` file or a
 * `weakdep` line, read differently by kmod before and since version 33, the
 * installed kmod's version decides (`modprobe --version`; the newest kmod's
 * rules without one).
 */
import type { Command } from "commander";
import {
  compileKernelNames,
  compileSources,
  findKernelFiles,
  type IndexSources,
  type KernelFiles,
  textNewerThanBinary,
} from "../files/alias-files.js";
import { readModprobeConfig } from "../files/config-files.js";
import { FileError, recordsMtime } from "../files/fs.js";
import { loadIndexFileSync, loadPairedIndex, saveIndexFile } from "../files/index-file.js";
import { compileAliasText, type IndexContents } from "../index/build.js";
import type { ModuleNames } from "../index/names.js";
import { AliasLookup } from "../lookup/lookup.js";
import type { ModprobeConfig } from "../parse/modprobe-config.js";
import { installedKmodVersion } from "../platform/modprobe.js";
import { addOptions, type OptionSpec } from "./options.js";
import { CliError, type Output, UsageError } from "./output.js";
import { reportConfigProblems, reportProblems } from "./problems.js";

export interface SourceOptions {
  index?: string;
  aliasFile?: string;
  builtinModinfo?: string;
  /** -C paths (replacing modprobe's directories), or false for --no-config. */
  config?: string[] | false;
  /** Where procfs is mounted, for the kernel command line's `modprobe.blacklist=` (the device commands' --proc-root). */
  procRoot?: string;
  basedir?: string;
  setVersion?: string;
  /** -k/--kernel, the same as -S (as for compile). */
  kernel?: string;
  strict?: boolean;
  refresh?: boolean;
}

/** An index and the files it should have been compiled from. */
interface Pair {
  indexFile: string;
  sources: IndexSources;
  /** Whether to say that the index is missing (not for the kernel's optional index). */
  reportMissing: boolean;
  /** The command that rewrites the index. */
  compile: string;
}

/** The alias source options, which every lookup command has. */
export const SOURCE_OPTIONS: readonly OptionSpec[] = [
  { flags: "--index <file>", description: "use this compiled index (with --alias-file: only if fresh for it)" },
  { flags: "--alias-file <file>", description: "use this modules.alias (compiled in memory)" },
  {
    flags: "--builtin-modinfo <file>",
    description: "with --alias-file: the built-in drivers' aliases from this modules.builtin.modinfo",
  },
  {
    flags: "-C, --config <path>",
    description: "modprobe configuration file or directory, replacing modprobe.d (repeatable)",
    parse: collect,
  },
  { flags: "--no-config", description: "leave out modprobe's configuration aliases" },
  { flags: "-b, --basedir <dir>", description: "root of the module tree, as modprobe -d" },
  { flags: "-S, --set-version <version>", description: "kernel version (default: uname -r)" },
  { flags: "-k, --kernel <version>", description: "same as --set-version" },
  { flags: "--strict", description: "fail on malformed alias or configuration lines instead of skipping them" },
  { flags: "--refresh", description: "rewrite a missing, bad or stale index from its alias file" },
];

/** Adds the alias source options to a command. */
export function addSourceOptions(command: Command): Command {
  return addOptions(command, SOURCE_OPTIONS);
}

/** The lookup engine the options name, and the modprobe configuration it applies (null when none applies). */
export async function openSources(
  options: SourceOptions,
  output: Output,
): Promise<{ lookup: AliasLookup; config: ModprobeConfig | null }> {
  const { contents, kernelTree } = await openIndex(options, output);
  const config = await openConfig(options, kernelTree, output);
  const commands = { installs: config?.installs ?? [], removes: config?.removes ?? [] };
  if ("missing" in contents) {
    const answers = (config?.aliases.length ?? 0) + commands.installs.length + commands.removes.length;
    if (answers === 0 && contents.names === null)
      throw withRemedy(
        contents.missing,
        "name the files (--alias-file FILE or --index FILE) or the kernel (-b ROOT, -S VERSION)",
      );
  }
  const index: IndexContents =
    "missing" in contents
      ? {
          aliases: compileAliasText("").index,
          builtin: null,
          ...(contents.names === null ? {} : { names: contents.names }),
        }
      : contents;
  return { lookup: new AliasLookup(index, config?.aliases ?? [], commands), config };
}

/**
 * The configuration that applies: none with --no-config; the -C paths when
 * given; modprobe's own directories for the kernel's files; else none.
 */
async function openConfig(options: SourceOptions, kernelTree: boolean, output: Output): Promise<ModprobeConfig | null> {
  if (options.config === false) return null;
  const paths = options.config;
  if (paths === undefined && !kernelTree) return null;
  const config = await readModprobeConfig({
    ...(paths === undefined ? {} : { paths }),
    kmodVersion: () => installedKmodVersion(),
    ...(options.procRoot === undefined ? {} : { procRoot: options.procRoot }),
  });
  reportConfigProblems(output, config, options.strict === true);
  return config;
}

/** A kernel without modules.alias: the error that says so, and the name lists it has (or null). */
interface NoAliases {
  missing: FileError;
  names: ModuleNames | null;
}

/** The index the options name, or what a kernel without modules.alias has. */
async function openIndex(
  options: SourceOptions,
  output: Output,
): Promise<{ contents: IndexContents | NoAliases; kernelTree: boolean }> {
  const { index, aliasFile } = options;
  if (options.builtinModinfo !== undefined && aliasFile === undefined) {
    throw new UsageError(
      "--builtin-modinfo goes with --alias-file (the kernel's own is found beside its modules.alias)",
    );
  }
  if (index !== undefined && aliasFile === undefined) {
    if (options.refresh)
      throw new UsageError("--refresh needs the alias file to compile the index from (--alias-file)");
    return { contents: loadIndexFileSync(index), kernelTree: false };
  }
  const sources: IndexSources | null =
    aliasFile === undefined ? null : { aliasFile, builtinFile: options.builtinModinfo ?? null };
  if (sources !== null && index === undefined) {
    if (options.refresh) throw new UsageError("--refresh needs the index file to rewrite (--index)");
    return { contents: await compileReported(sources, options, false, output), kernelTree: false };
  }
  if (sources !== null && index !== undefined) {
    const builtin = sources.builtinFile === null ? "" : ` --builtin-modinfo ${sources.builtinFile}`;
    const compile = `modalias compile ${aliasFile}${builtin} -o ${index}`;
    const pair = { indexFile: index, sources, reportMissing: true, compile };
    return { contents: await openPair(pair, options, output), kernelTree: false };
  }
  let kernel: KernelFiles;
  try {
    kernel = await findKernelFiles({ basedir: options.basedir, version: kernelVersion(options) });
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    const found = await compileKernelNames({ basedir: options.basedir, version: kernelVersion(options) });
    for (const { path, compiled } of found?.reports ?? []) {
      reportProblems(output, path, compiled.problems, options.strict === true);
    }
    return { contents: { missing: error, names: found?.names ?? null }, kernelTree: true };
  }
  for (const [text, binary] of await textNewerThanBinary(kernel)) {
    output.note(
      `modalias: warning: ${text} is newer than ${binary}: kmod answers from ${binary}, modalias from ${text} (run depmod)`,
    );
  }
  const compile = ["modalias compile", ...(options.basedir === undefined ? [] : [`-b ${options.basedir}`])]
    .concat(kernelVersion(options) === undefined ? [] : [`-k ${kernel.version}`])
    .join(" ");
  const pair = { indexFile: kernel.indexFile, sources: kernel, reportMissing: false, compile };
  return { contents: await openPair(pair, options, output), kernelTree: true };
}

/** The pair's index when valid and fresh, else its files compiled (and, with --refresh, saved). */
async function openPair(pair: Pair, options: SourceOptions, output: Output): Promise<IndexContents> {
  const loaded = await loadPairedIndex(pair.indexFile, pair.sources);
  if (loaded.ok) return loaded.contents;
  if (loaded.kind !== "missing" || pair.reportMissing) {
    const remedy = options.refresh ? "" : `; update it with ${pair.compile} (or add --refresh)`;
    output.note(`modalias: warning: ${loaded.problem}; answering from ${pair.sources.aliasFile}${remedy}`);
  }
  const compiled = await compileReported(pair.sources, options, options.refresh === true, output);
  if (options.refresh) await refresh(pair.indexFile, compiled, output);
  return compiled;
}

async function compileReported(
  sources: IndexSources,
  options: SourceOptions,
  forSaving: boolean,
  output: Output,
): Promise<IndexContents> {
  const compiled = await compileSources(sources, { recordMtime: forSaving ? recordsMtime(true) : true });
  for (const { path, compiled: part } of compiled.reports) {
    reportProblems(output, path, part.problems, options.strict === true);
  }
  return compiled.contents;
}

/** Save a recompiled index; a failure is reported, not fatal. */
async function refresh(indexFile: string, contents: IndexContents, output: Output): Promise<void> {
  try {
    await saveIndexFile(indexFile, contents);
    output.note(`modalias: refreshed ${indexFile}`);
  } catch (error) {
    output.note(`modalias: warning: could not refresh the index: ${(error as Error).message}`);
  }
}

/** No kernel tree to answer from (a container, a build host); the message says what to name instead. */
export class NoKernelTreeError extends CliError {}

/**
 * A missing kernel tree with what to do instead: `error` as a {@link NoKernelTreeError} with
 * `remedy` added; any other error unchanged.
 */
export function withRemedy(error: unknown, remedy: string): unknown {
  return error instanceof FileError ? new NoKernelTreeError(`${error.message}; ${remedy}`) : error;
}

/** The kernel -k/--kernel or -S/--set-version names (they are the same option), if any. */
export function kernelVersion(options: { kernel?: string; setVersion?: string }): string | undefined {
  if (options.kernel !== undefined && options.setVersion !== undefined && options.kernel !== options.setVersion) {
    throw new UsageError("--kernel and --set-version name different kernels");
  }
  return options.kernel ?? options.setVersion;
}

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The options every lookup command shares (where the aliases come from) and
 * opening the lookup engine from them:
 *   --index FILE        a compiled index;
 *   --alias-file FILE   a modules.alias, compiled in memory (with
 *                       --builtin-modinfo FILE, built-in aliases too);
 *   both                the index when it is valid and fresh for those
 *                       files, otherwise (said on stderr) the files;
 *   neither             the kernel's files, found as modprobe does
 *                       (-b/--basedir, -S/--set-version): modules.alias and
 *                       modules.builtin.modinfo, or modules.alias.index
 *                       when it is fresh for them;
 *   --refresh           with a pair as above, rewrite a missing, bad or stale
 *                       index from its files; a failed write is reported
 *                       and the lookup still answers from memory.
 * modprobe's configuration aliases come first, as in kmod: for the kernel's
 * files read from modprobe.d as modprobe does, or from the -C/--config
 * paths (which replace those, and also apply to --index/--alias-file);
 * --no-config leaves them out.
 */

/**
 * The options shared by the binder commands, and reading them back from
 * commander's parsed values.
 */
/**
 * Turning DEVICE arguments into addresses. All are checked before any device
 * is touched: one bad address is a usage error and nothing runs.
 */
/**
 * Getting the vfio chooser from the CLI's alias index, reporting a failure
 * (no index, unreadable alias file) as bad input, or with the exit status the
 * error carries.
 */
import type { Command } from "commander";
import type { ChooseVfio } from "../binder/choose.js";
import type { BinderSettings } from "../binder/transaction.js";
import { compileSources, findKernelFiles, type IndexSources } from "../files/alias-files.js";
import { readModprobeConfig } from "../files/config-files.js";
import { recordsMtime } from "../files/fs.js";
import { loadIndexFile, loadPairedIndex, saveIndexFile } from "../files/index-file.js";
import type { IndexContents } from "../index/build.js";
import { AliasLookup } from "../lookup/lookup.js";
import type { ModprobeConfig } from "../parse/modprobe-config.js";
import { AddressError, type PciAddress, parsePciAddress } from "../platform/sysfs.js";
import { CliError, EXIT_USAGE, type Output, reportConfigProblems, reportProblems } from "./output.js";

export interface SourceOptions {
  index?: string;
  aliasFile?: string;
  builtinModinfo?: string;
  /** -C paths (replacing modprobe's directories), or false for --no-config. */
  config?: string[] | false;
  /** Where procfs is mounted, for the kernel command line's `modprobe.blacklist=` (binder commands). */
  procRoot?: string;
  basedir?: string;
  setVersion?: string;
  strict?: boolean;
  refresh?: boolean;
}

/** An index and the files it should have been compiled from. */
interface Pair {
  indexFile: string;
  sources: IndexSources;
  /** Whether to say that the index is missing (not for the kernel's optional index). */
  reportMissing: boolean;
}

/** Add the alias source options to a command. */
export function addSourceOptions(command: Command): Command {
  return command
    .option("--index <file>", "use this compiled index (with --alias-file: only if fresh for it)")
    .option("--alias-file <file>", "use this modules.alias (compiled in memory)")
    .option(
      "--builtin-modinfo <file>",
      "with --alias-file: the built-in drivers' aliases from this modules.builtin.modinfo",
    )
    .option(
      "-C, --config <path>",
      "modprobe configuration file or directory, replacing modprobe.d (repeatable)",
      collect,
    )
    .option("--no-config", "leave out modprobe's configuration aliases")
    .option("-b, --basedir <dir>", "root of the module tree, as modprobe -d", undefined)
    .option("-S, --set-version <version>", "kernel version (default: uname -r)")
    .option("--strict", "fail on malformed alias or configuration lines instead of skipping them")
    .option("--refresh", "rewrite a missing, bad or stale index from its alias file");
}

/** Open the lookup engine the options name. */
export async function openLookup(options: SourceOptions): Promise<AliasLookup> {
  return (await openSources(options)).lookup;
}

/** The lookup engine and the modprobe configuration it applies (null when none applies). */
export async function openSources(
  options: SourceOptions,
): Promise<{ lookup: AliasLookup; config: ModprobeConfig | null }> {
  const { contents, kernelTree } = await openIndex(options);
  const config = await openConfig(options, kernelTree);
  return { lookup: new AliasLookup(contents, config?.aliases ?? []), config };
}

/**
 * The configuration that applies: none with --no-config; the -C paths when
 * given; modprobe's own directories for the kernel's files; else none.
 */
async function openConfig(options: SourceOptions, kernelTree: boolean): Promise<ModprobeConfig | null> {
  if (options.config === false) return null;
  const paths = options.config;
  if (paths === undefined && !kernelTree) return null;
  const config = await readModprobeConfig({
    ...(paths === undefined ? {} : { paths }),
    procRoot: options.procRoot ?? "/proc",
  });
  reportConfigProblems(config, options.strict === true);
  return config;
}

async function openIndex(options: SourceOptions): Promise<{ contents: IndexContents; kernelTree: boolean }> {
  const { index, aliasFile } = options;
  if (options.builtinModinfo !== undefined && aliasFile === undefined) {
    throw new CliError("--builtin-modinfo goes with --alias-file (the kernel's own is found beside its modules.alias)");
  }
  if (index !== undefined && aliasFile === undefined) {
    if (options.refresh) throw new CliError("--refresh needs the alias file to compile the index from (--alias-file)");
    return { contents: await loadIndexFile(index), kernelTree: false };
  }
  const sources: IndexSources | null =
    aliasFile === undefined ? null : { aliasFile, builtinFile: options.builtinModinfo ?? null };
  if (sources !== null && index === undefined) {
    if (options.refresh) throw new CliError("--refresh needs the index file to rewrite (--index)");
    return { contents: await compileReported(sources, options, false), kernelTree: false };
  }
  if (sources !== null && index !== undefined) {
    return { contents: await openPair({ indexFile: index, sources, reportMissing: true }, options), kernelTree: false };
  }
  const kernel = await findKernelFiles({ basedir: options.basedir, version: options.setVersion });
  const pair = { indexFile: kernel.indexFile, sources: kernel, reportMissing: false };
  return { contents: await openPair(pair, options), kernelTree: true };
}

/** The pair's index when valid and fresh, else its files compiled (and, with --refresh, saved). */
async function openPair(pair: Pair, options: SourceOptions): Promise<IndexContents> {
  const loaded = await loadPairedIndex(pair.indexFile, pair.sources);
  if (loaded.ok) return loaded.contents;
  if (loaded.kind !== "missing" || pair.reportMissing) {
    process.stderr.write(`modalias: ${loaded.problem}; using ${pair.sources.aliasFile}\n`);
  }
  const compiled = await compileReported(pair.sources, options, options.refresh === true);
  if (options.refresh) await refresh(pair.indexFile, compiled);
  return compiled;
}

async function compileReported(
  sources: IndexSources,
  options: SourceOptions,
  forSaving: boolean,
): Promise<IndexContents> {
  const compiled = await compileSources(sources, { recordMtime: forSaving ? recordsMtime(true) : true });
  for (const { path, compiled: part } of compiled.reports) reportProblems(path, part.problems, options.strict === true);
  return compiled.contents;
}

/** Save a recompiled index; a failure is reported, not fatal. */
async function refresh(indexFile: string, contents: IndexContents): Promise<void> {
  try {
    await saveIndexFile(indexFile, contents);
    process.stderr.write(`modalias: refreshed ${indexFile}\n`);
  } catch (error) {
    process.stderr.write(`modalias: warning: could not refresh the index: ${(error as Error).message}\n`);
  }
}

/** Commander's collector for a repeatable option. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds `--json`, `--sysfs-root`, `--proc-root` and (if `modprobe`) `--modprobe`. */
export function addCommonOptions(cmd: Command, { modprobe }: { modprobe: boolean }): Command {
  cmd
    .option("--json", "print one JSON object per device, one per line")
    .option("--sysfs-root <dir>", "where sysfs is mounted", "/sys")
    .option("--proc-root <dir>", "where procfs is mounted", "/proc");
  if (modprobe) cmd.option("--modprobe <cmd>", "the modprobe program to load modules with", "modprobe");
  return cmd;
}

/** Adds `--force` with the given description. */
export function addForceOption(cmd: Command, description: string): Command {
  return cmd.option("--force", description);
}

/** Adds `--dry-run`. */
export function addDryRunOption(cmd: Command): Command {
  return cmd.option("--dry-run", "print every module load and sysfs write, in order, and do none of them");
}

/** The roots and modprobe command from parsed options. */
export function settingsFrom(opts: Record<string, unknown>): Required<BinderSettings> {
  return {
    sysfsRoot: text(opts, "sysfsRoot", "/sys"),
    procRoot: text(opts, "procRoot", "/proc"),
    modprobe: text(opts, "modprobe", "modprobe"),
  };
}

/** Whether boolean option `key` is set. */
export function flag(opts: Record<string, unknown>, key: string): boolean {
  return opts[key] === true;
}

function text(opts: Record<string, unknown>, key: string, fallback: string): string {
  const value = opts[key];
  return typeof value === "string" && value !== "" ? value : fallback;
}

/** The parsed addresses, or null after reporting every bad one (exit status 2). */
export function parseDevices(args: readonly string[], output: Output): PciAddress[] | null {
  const addresses: PciAddress[] = [];
  let bad = false;
  for (const arg of args) {
    try {
      const a = parsePciAddress(arg);
      if (!addresses.includes(a)) addresses.push(a);
    } catch (err) {
      if (!(err instanceof AddressError)) throw err;
      output.error(JSON.stringify(arg), err.message);
      bad = true;
    }
  }
  if (bad) {
    output.fail(EXIT_USAGE);
    return null;
  }
  return addresses;
}

/** Builds the chooser from all parsed options (the alias-file options among them). */
export type GetChooser = (opts: Record<string, unknown>) => Promise<ChooseVfio>;

/** The chooser, or null after reporting why it could not be had (exit status 2). */
export async function loadChooser(
  get: GetChooser,
  opts: Record<string, unknown>,
  output: Output,
): Promise<ChooseVfio | null> {
  try {
    return await get(opts);
  } catch (err) {
    output.error(null, err instanceof Error ? err.message : String(err));
    output.fail(exitCodeOf(err) ?? EXIT_USAGE);
    return null;
  }
}

/** The exit status an error asks for (the CLI's own errors carry one), if any. */
function exitCodeOf(err: unknown): number | undefined {
  if (err instanceof Error && "exitCode" in err && typeof err.exitCode === "number") return err.exitCode;
  return undefined;
}

/**
 * Reading the files an index is compiled from (the I/O edge of compiling):
 * a modules.alias and, optionally, the kernel's modules.builtin.modinfo.
 *
 * Where the running (or a named) kernel keeps its module files, found as
 * modprobe finds them: `BASEDIR/lib/modules/VERSION`, then
 * `BASEDIR/usr/lib/modules/VERSION`; VERSION defaults to `uname -r`.
 * The compiled index lives beside modules.alias as `modules.alias.index`;
 * the built-in drivers' aliases come from `modules.builtin.modinfo` there,
 * when the kernel has one, and kmod's name lists from the text files depmod
 * writes there (modules.dep, modules.symbols, modules.builtin).
 *
 * kmod reads depmod's binary files (modules.alias.bin, ...), modalias the text
 * files depmod writes with them; when a text file is newer than its binary
 * (edited without running depmod again), the two can disagree, and
 * {@link textNewerThanBinary} says so.
 */
import { access, stat } from "node:fs/promises";
import { release } from "node:os";
import { join } from "node:path";
import {
  type Compiled,
  compileBuiltinText,
  compileNamesText,
  type IndexContents,
  SourceCompiler,
} from "../index/build.js";
import { decodeHeader, IndexFormatError } from "../index/format.js";
import { type ModuleNames, NAME_FILES, NAME_KINDS, type NameKind } from "../index/names.js";
import { DATA_LIMIT, FileError, readBounded, readBoundedPieces } from "./fs.js";

/** The file's bytes and the metadata an index records. */
export interface AliasFile {
  path: string;
  bytes: Buffer;
  size: number;
  mtimeMs: number;
}

/** A regular file of at most DATA_LIMIT bytes, read without blocking (files/fs.ts, readBounded). */
export async function readAliasFile(path: string): Promise<AliasFile> {
  const { bytes, stats } = await readBounded(path, DATA_LIMIT);
  return { path, bytes, size: bytes.length, mtimeMs: Math.trunc(stats.mtimeMs) };
}

/**
 * Read and compile an alias file, recording its mtime unless told not to; it is compiled as
 * it is read (index/build.ts, SourceCompiler), never whole in memory.
 */
export async function compileAliasFile(path: string, options: { recordMtime?: boolean } = {}): Promise<Compiled> {
  const compiler = new SourceCompiler("alias");
  let first = true;
  const stats = await readBoundedPieces(path, DATA_LIMIT, (piece) => {
    if (first && isIndex(piece))
      throw new FileError(path, "is a compiled index, not a modules.alias (give it with --index)");
    first = false;
    compiler.write(piece);
  });
  const compiled = compiler.end({ mtimeMs: options.recordMtime === false ? null : Math.trunc(stats.mtimeMs) });
  // Every kernel's modules.alias has aliases: none at all is an empty file or another kind of file.
  if (compiled.index.entries.line.length === 0) {
    const lines = compiled.problems.length === 0 ? "" : ` (${compiled.problems.length} malformed lines)`;
    throw new FileError(path, `holds no alias${lines}: not a modules.alias`);
  }
  return compiled;
}

/** Whether `bytes` start with a valid index header. */
function isIndex(bytes: Buffer): boolean {
  try {
    decodeHeader(bytes);
    return true;
  } catch (error) {
    if (error instanceof IndexFormatError) return false;
    throw error;
  }
}

/** The files an index is compiled from. */
export interface IndexSources {
  aliasFile: string;
  /** The kernel's modules.builtin.modinfo, or null for none. */
  builtinFile: string | null;
  /** A kernel tree's name lists (null where it has no such file); absent for an alias file given alone. */
  nameFiles?: Record<NameKind, string | null>;
}

/** Both parts compiled, with each file's own report (path, lines, problems). */
export interface CompiledSources {
  contents: IndexContents;
  reports: { path: string; compiled: Pick<Compiled, "problems" | "lines"> }[];
}

/** Read and compile the files of an index, recording their mtimes unless told not to. */
export async function compileSources(
  sources: IndexSources,
  options: { recordMtime?: boolean } = {},
): Promise<CompiledSources> {
  const aliases = await compileAliasFile(sources.aliasFile, options);
  const reports: CompiledSources["reports"] = [{ path: sources.aliasFile, compiled: aliases }];
  const mtimeOf = (file: AliasFile): number | null => (options.recordMtime === false ? null : file.mtimeMs);
  let builtin = null;
  if (sources.builtinFile !== null) {
    const file = await readAliasFile(sources.builtinFile);
    // Its records end in NUL bytes: text without one is another file (a modules.alias, say).
    if (file.bytes.length > 0 && !file.bytes.includes(0)) {
      throw new FileError(file.path, "not a modules.builtin.modinfo (it has no NUL-separated records)");
    }
    const compiled = compileBuiltinText(file.bytes, { mtimeMs: mtimeOf(file) });
    reports.push({ path: sources.builtinFile, compiled });
    builtin = compiled.index;
  }
  const contents: IndexContents = { aliases: aliases.index, builtin };
  const { nameFiles } = sources;
  if (nameFiles === undefined) return { contents, reports };
  return { contents: { ...contents, names: await compileNameFiles(nameFiles, mtimeOf, reports) }, reports };
}

/** Read and compile a kernel tree's name lists, adding each file's report to `reports`. */
async function compileNameFiles(
  nameFiles: Record<NameKind, string | null>,
  mtimeOf: (file: AliasFile) => number | null,
  reports: CompiledSources["reports"],
): Promise<ModuleNames> {
  const names = {} as ModuleNames;
  for (const kind of NAME_KINDS) {
    const path = nameFiles[kind];
    if (path === null) {
      names[kind] = null;
      continue;
    }
    const file = await readAliasFile(path);
    const compiled = compileNamesText(kind, file.bytes, { mtimeMs: mtimeOf(file) });
    reports.push({ path, compiled });
    names[kind] = compiled.list;
  }
  return names;
}

/**
 * For a kernel without modules.alias (kmod then answers from what exists): the name lists of
 * its first module directory that has any, compiled in memory, or null when it has none.
 */
export async function compileKernelNames(options: {
  basedir?: string;
  version?: string;
}): Promise<{ names: ModuleNames; reports: CompiledSources["reports"] } | null> {
  for (const dir of kernelDirs(options).dirs) {
    const nameFiles = await nameFilesIn(dir);
    if (NAME_KINDS.every((kind) => nameFiles[kind] === null)) continue;
    const reports: CompiledSources["reports"] = [];
    return { names: await compileNameFiles(nameFiles, (file) => file.mtimeMs, reports), reports };
  }
  return null;
}

export const ALIAS_FILE = "modules.alias";
export const BUILTIN_FILE = "modules.builtin.modinfo";
export const INDEX_SUFFIX = ".index";

export interface KernelFiles {
  version: string;
  aliasFile: string;
  /** The kernel's modules.builtin.modinfo, or null when it has none. */
  builtinFile: string | null;
  nameFiles: Record<NameKind, string | null>;
  indexFile: string;
}

/** The index file that belongs to an alias file. */
export function indexPathFor(aliasFile: string): string {
  return aliasFile + INDEX_SUFFIX;
}

/** The kernel's modules.alias and index paths; FileError when no alias file exists. */
export async function findKernelFiles(options: { basedir?: string; version?: string }): Promise<KernelFiles> {
  const { version, dirs } = kernelDirs(options);
  for (const dir of dirs) {
    const aliasFile = join(dir, ALIAS_FILE);
    if (await exists(aliasFile)) {
      return {
        version,
        aliasFile,
        builtinFile: await present(dir, BUILTIN_FILE),
        nameFiles: await nameFilesIn(dir),
        indexFile: indexPathFor(aliasFile),
      };
    }
  }
  const missing = `no ${ALIAS_FILE} for kernel ${version}`;
  const paths = dirs.map((d) => join(d, ALIAS_FILE)).join(" or ");
  // A basedir that is itself a module directory (-b /lib/modules/VERSION) doubles the path.
  if (options.basedir !== undefined && (await exists(join(options.basedir, ALIAS_FILE)))) {
    const root = /^(.*?)\/?(?:usr\/)?lib\/modules\/[^/]+\/?$/.exec(options.basedir)?.[1];
    const instead = root === undefined ? "" : `, here -b ${root === "" ? "/" : root}`;
    throw new FileError(
      paths,
      `${missing} (${options.basedir} is a module directory: -b takes the root of the tree, as modprobe -d${instead})`,
    );
  }
  throw new FileError(paths, missing);
}

/** Where a kernel's module files may be, in the order modprobe looks. */
function kernelDirs(options: { basedir?: string; version?: string }): { version: string; dirs: string[] } {
  const version = options.version ?? release();
  const base = options.basedir ?? "/";
  return { version, dirs: [join(base, "lib/modules", version), join(base, "usr/lib/modules", version)] };
}

async function nameFilesIn(dir: string): Promise<Record<NameKind, string | null>> {
  const nameFiles = {} as Record<NameKind, string | null>;
  for (const kind of NAME_KINDS) nameFiles[kind] = await present(dir, NAME_FILES[kind]);
  return nameFiles;
}

async function present(dir: string, name: string): Promise<string | null> {
  return (await exists(join(dir, name))) ? join(dir, name) : null;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * The kernel's text files that are newer than the binary file depmod wrote with them (which
 * kmod reads), as [text, binary] pairs: modules.alias, modules.dep, modules.symbols,
 * modules.builtin against their `.bin`; a file that is missing is not compared.
 */
export async function textNewerThanBinary(files: KernelFiles): Promise<[string, string][]> {
  const texts = [files.aliasFile, ...NAME_KINDS.map((kind) => files.nameFiles[kind])];
  const out: [string, string][] = [];
  for (const text of texts) {
    if (text === null) continue;
    const [textTime, binTime] = await Promise.all([mtimeOf(text), mtimeOf(`${text}.bin`)]);
    if (textTime !== null && binTime !== null && textTime > binTime) out.push([text, `${text}.bin`]);
  }
  return out;
}

async function mtimeOf(path: string): Promise<number | null> {
  return stat(path).then(
    (info) => info.mtimeMs,
    () => null,
  );
}

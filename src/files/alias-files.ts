/**
 * Reading the files an index is compiled from (the I/O edge of compiling):
 * a modules.alias and, optionally, the kernel's modules.builtin.modinfo.
 *
 * Where the running (or a named) kernel keeps its module files, found as
 * modprobe finds them: `BASEDIR/lib/modules/VERSION`, then
 * `BASEDIR/usr/lib/modules/VERSION`; VERSION defaults to `uname -r`.
 * The compiled index lives beside modules.alias as `modules.alias.index`;
 * the built-in drivers' aliases come from `modules.builtin.modinfo` there,
 * when the kernel has one.
 */
import { access } from "node:fs/promises";
import { release } from "node:os";
import { join } from "node:path";
import { type Compiled, compileAliasText, compileBuiltinText, type IndexContents } from "../index/build.js";
import { decodeHeader, IndexFormatError } from "../index/format.js";
import { DATA_LIMIT, FileError, readBounded } from "./fs.js";

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

/** Read and compile an alias file, recording its mtime unless told not to. */
export async function compileAliasFile(path: string, options: { recordMtime?: boolean } = {}): Promise<Compiled> {
  const file = await readAliasFile(path);
  if (isIndex(file.bytes)) throw new FileError(path, "is a compiled index, not a modules.alias (give it with --index)");
  const compiled = compileAliasText(file.bytes, { mtimeMs: options.recordMtime === false ? null : file.mtimeMs });
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
}

/** Both parts compiled, with each file's own report (path, lines, problems). */
export interface CompiledSources {
  contents: IndexContents;
  reports: { path: string; compiled: Compiled }[];
}

/** Read and compile the files of an index, recording their mtimes unless told not to. */
export async function compileSources(
  sources: IndexSources,
  options: { recordMtime?: boolean } = {},
): Promise<CompiledSources> {
  const aliases = await compileAliasFile(sources.aliasFile, options);
  const reports = [{ path: sources.aliasFile, compiled: aliases }];
  if (sources.builtinFile === null) return { contents: { aliases: aliases.index, builtin: null }, reports };
  const file = await readAliasFile(sources.builtinFile);
  // Its records end in NUL bytes: text without one is another file (a modules.alias, say).
  if (file.bytes.length > 0 && !file.bytes.includes(0)) {
    throw new FileError(file.path, "not a modules.builtin.modinfo (it has no NUL-separated records)");
  }
  const builtin = compileBuiltinText(file.bytes, { mtimeMs: options.recordMtime === false ? null : file.mtimeMs });
  reports.push({ path: sources.builtinFile, compiled: builtin });
  return { contents: { aliases: aliases.index, builtin: builtin.index }, reports };
}

export const ALIAS_FILE = "modules.alias";
export const BUILTIN_FILE = "modules.builtin.modinfo";
export const INDEX_SUFFIX = ".index";

export interface KernelFiles {
  version: string;
  aliasFile: string;
  /** The kernel's modules.builtin.modinfo, or null when it has none. */
  builtinFile: string | null;
  indexFile: string;
}

/** The index file that belongs to an alias file. */
export function indexPathFor(aliasFile: string): string {
  return aliasFile + INDEX_SUFFIX;
}

/** The kernel's modules.alias and index paths; FileError when no alias file exists. */
export async function findKernelFiles(options: { basedir?: string; version?: string }): Promise<KernelFiles> {
  const version = options.version ?? release();
  const base = options.basedir ?? "/";
  const dirs = [join(base, "lib/modules", version), join(base, "usr/lib/modules", version)];
  for (const dir of dirs) {
    const aliasFile = join(dir, ALIAS_FILE);
    if (await exists(aliasFile)) {
      const builtinFile = join(dir, BUILTIN_FILE);
      return {
        version,
        aliasFile,
        builtinFile: (await exists(builtinFile)) ? builtinFile : null,
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

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

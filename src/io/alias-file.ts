/**
 * Reading the files an index is compiled from (the I/O edge of compiling):
 * a modules.alias and, optionally, the kernel's modules.builtin.modinfo.
 */
import { readFile, stat } from "node:fs/promises";
import type { IndexContents } from "../index/compile.js";
import { compileAliasText, compileBuiltinText, type Compiled } from "../index/from-text.js";
import { fileError, FileError } from "./errors.js";

/** The file's bytes and the metadata an index records. */
export interface AliasFile {
  path: string;
  bytes: Buffer;
  size: number;
  mtimeMs: number;
}

export async function readAliasFile(path: string): Promise<AliasFile> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new FileError(path, "is a directory");
    const bytes = await readFile(path);
    return { path, bytes, size: bytes.length, mtimeMs: Math.trunc(info.mtimeMs) };
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw fileError(path, error);
  }
}

/** Read and compile an alias file, recording its mtime unless told not to. */
export async function compileAliasFile(path: string, options: { recordMtime?: boolean } = {}): Promise<Compiled> {
  const file = await readAliasFile(path);
  return compileAliasText(file.bytes, { mtimeMs: options.recordMtime === false ? null : file.mtimeMs });
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
export async function compileSources(sources: IndexSources, options: { recordMtime?: boolean } = {}): Promise<CompiledSources> {
  const aliases = await compileAliasFile(sources.aliasFile, options);
  const reports = [{ path: sources.aliasFile, compiled: aliases }];
  if (sources.builtinFile === null) return { contents: { aliases: aliases.index, builtin: null }, reports };
  const file = await readAliasFile(sources.builtinFile);
  const builtin = compileBuiltinText(file.bytes, { mtimeMs: options.recordMtime === false ? null : file.mtimeMs });
  reports.push({ path: sources.builtinFile, compiled: builtin });
  return { contents: { aliases: aliases.index, builtin: builtin.index }, reports };
}

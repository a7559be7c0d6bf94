/**
 * Reading a modules.alias file from disk (the I/O edge of compiling).
 */
import { readFile, stat } from "node:fs/promises";
import { compileAliasText, type Compiled } from "../index/from-text.js";
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

/**
 * Reading and writing index files (the I/O edge of the index format).
 *
 * Writes are atomic (atomic-file.ts): a crash or a concurrent compile never
 * leaves a half-written index.
 */
import { readFile } from "node:fs/promises";
import type { IndexContents } from "../index/compile.js";
import { decodeHeader, decodeIndex, encodeIndex, IndexFormatError, type IndexHeader } from "../index/format.js";
import { writeFileAtomic } from "./atomic-file.js";
import { fileError, FileError } from "./errors.js";

/** Load an index file; FileError for I/O problems and for a bad index. */
export async function loadIndexFile(path: string): Promise<IndexContents> {
  const bytes = await readBytes(path);
  try {
    return decodeIndex(bytes);
  } catch (error) {
    if (error instanceof IndexFormatError) throw new FileError(path, error.message);
    throw error;
  }
}

/** Only the header of an index file. */
export async function readIndexHeader(path: string): Promise<IndexHeader> {
  const bytes = await readBytes(path);
  try {
    return decodeHeader(bytes);
  } catch (error) {
    if (error instanceof IndexFormatError) throw new FileError(path, error.message);
    throw error;
  }
}

/** Write an index atomically (see atomic-file.ts), mode 0644; returns the number of bytes written. */
export async function saveIndexFile(path: string, contents: IndexContents): Promise<number> {
  const bytes = encodeIndex(contents);
  try {
    await writeFileAtomic(path, bytes, 0o644, { parents: false });
  } catch (error) {
    throw fileError(path, error);
  }
  return bytes.length;
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

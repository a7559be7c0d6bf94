/**
 * Reading and writing index files (the I/O edge of the index format).
 *
 * Writes are atomic: the bytes go to a temporary file in the same directory,
 * are flushed to disk, get mode 0644, and are renamed over the target, so a
 * crash or a concurrent compile never leaves a half-written index.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { AliasIndex } from "../index/compile.js";
import { decodeHeader, decodeIndex, encodeIndex, IndexFormatError, type IndexHeader } from "../index/format.js";
import { fileError, FileError } from "./errors.js";

/** Load an index file; FileError for I/O problems and for a bad index. */
export async function loadIndexFile(path: string): Promise<AliasIndex> {
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

/** Write an index atomically; returns the number of bytes written. */
export async function saveIndexFile(path: string, index: AliasIndex): Promise<number> {
  const bytes = encodeIndex(index);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.chmod(0o644);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw fileError(path, error);
  }
  await syncDirectory(dirname(path));
  return bytes.length;
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

/** Flush a directory entry (the rename) to disk; best effort where unsupported. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => null);
  if (handle === null) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

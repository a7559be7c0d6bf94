/**
 * Reading and writing index files (the I/O edge of the index format).
 *
 * Writes are atomic (fs.ts): a crash or a concurrent compile never
 * leaves a half-written index.
 *
 * An index that belongs to its source files, used only when it is intact
 * and was compiled from those files as they are now.
 *
 * Fresh means: the recorded modules.alias is the alias file as it is now,
 * and the recorded built-in part matches the built-in file: both absent, or
 * both present and the same; for a kernel tree, likewise each name list
 * (modules.dep, modules.symbols, modules.builtin). A file is the same when it has the same size
 * and either the recorded mtime equals the file's (when one was recorded)
 * or the SHA-256 of its bytes equals the recorded one. Otherwise the index
 * is stale and the caller should use the text.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import type { IndexContents, SourceInfo } from "../index/build.js";
import { decodeHeader, encodeIndex, IndexFormatError, type IndexHeader, openIndex } from "../index/format.js";
import { NAME_FILES, NAME_KINDS } from "../index/names.js";
import type { IndexSources } from "./alias-files.js";
import { DATA_LIMIT, errnoOf, FileError, fileError, readBounded, readBoundedSync, writeFileAtomic } from "./fs.js";

/** Load an index file; FileError for I/O problems and for a bad index. */
export async function loadIndexFile(path: string): Promise<IndexContents> {
  return opened(path, await readBytes(path));
}

/**
 * loadIndexFile without the event loop, for the command line's one lookup: the file read in
 * one call into one buffer (files/fs.ts, readBoundedSync), with the same checks and errors.
 */
export function loadIndexFileSync(path: string): IndexContents {
  return opened(path, readBoundedSync(path, DATA_LIMIT, { checkHead: decodeHeader }));
}

/** The index in `bytes`, read from `path`; a bad index is a FileError naming it. */
function opened(path: string, bytes: Buffer): IndexContents {
  try {
    return openIndex(bytes, path);
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

/**
 * Write an index atomically (writeFileAtomic in fs.ts), mode 0644, inside
 * `root` (default: its own directory); returns the number of bytes written.
 */
export async function saveIndexFile(path: string, contents: IndexContents, root?: string): Promise<number> {
  const bytes = encodeIndex(contents);
  try {
    await writeFileAtomic(path, bytes, 0o644, { parents: false, ...(root === undefined ? {} : { root }) });
  } catch (error) {
    // A missing directory is named, not the file that could not be created in it.
    const dir = dirname(path);
    if (
      errnoOf(error) === "ENOENT" &&
      !(await stat(dir).then(
        () => true,
        () => false,
      ))
    ) {
      throw new FileError(dir, "no such directory");
    }
    throw fileError(path, error);
  }
  return bytes.length;
}

/** The file's bytes, its preamble and header checked before the body is read (files/fs.ts, readBounded). */
async function readBytes(path: string): Promise<Buffer> {
  return (await readBounded(path, DATA_LIMIT, decodeHeader)).bytes;
}

/** The index, or why it cannot be used: absent, unreadable or not a valid index, or stale. */
export type PairedIndex =
  | { ok: true; contents: IndexContents }
  | { ok: false; kind: "missing" | "bad" | "stale"; problem: string };

/** Load `indexFile` if it is valid and fresh for `sources`; FileError only for the source files. */
export async function loadPairedIndex(indexFile: string, sources: IndexSources): Promise<PairedIndex> {
  let bytes: Buffer;
  try {
    bytes = await readBytes(indexFile);
  } catch (error) {
    const problem = fileError(indexFile, error);
    return { ok: false, kind: problem.code === "ENOENT" ? "missing" : "bad", problem: problem.message };
  }
  try {
    // Checked whole first: a damaged index is bad, whether or not its files changed since.
    const contents = openIndex(bytes, indexFile);
    const stale = await staleness(decodeHeader(bytes), sources);
    if (stale !== null) return { ok: false, kind: "stale", problem: `${indexFile} is stale (${stale})` };
    return { ok: true, contents };
  } catch (error) {
    if (!(error instanceof IndexFormatError)) throw error;
    return { ok: false, kind: "bad", problem: new FileError(indexFile, error.message).message };
  }
}

/** Why the index no longer describes its sources, or null when it does. */
async function staleness(header: IndexHeader, sources: IndexSources): Promise<string | null> {
  if (!(await isFresh(header.source, sources.aliasFile)))
    return `${basename(sources.aliasFile)} changed since it was compiled`;
  if (header.builtin === null) {
    return sources.builtinFile === null ? null : `compiled without ${sources.builtinFile}`;
  }
  if (sources.builtinFile === null) return "it holds built-in aliases, and no modules.builtin.modinfo goes with it now";
  if (!(await isFresh(header.builtin.source, sources.builtinFile)))
    return `${basename(sources.builtinFile)} changed since it was compiled`;
  return namesStaleness(header, sources);
}

/** Why the index's name lists no longer describe the kernel tree's, or null when they do. */
async function namesStaleness(header: IndexHeader, sources: IndexSources): Promise<string | null> {
  const { nameFiles } = sources;
  if (nameFiles === undefined) return header.names === undefined ? null : "it holds a kernel tree's module names";
  if (header.names === undefined) return "compiled without the kernel tree's module names";
  for (const kind of NAME_KINDS) {
    const recorded = header.names[kind];
    const file = nameFiles[kind];
    if (recorded === null && file === null) continue;
    if (recorded === null || file === null)
      return `${NAME_FILES[kind]} was ${file === null ? "removed" : "added"} since it was compiled`;
    if (!(await isFresh(recorded.source, file))) return `${basename(file)} changed since it was compiled`;
  }
  return null;
}

/** True when `source` describes the file as it is now. */
export async function isFresh(source: SourceInfo, file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (info.size !== source.size) return false;
    if (source.mtimeMs !== null && source.mtimeMs === Math.trunc(info.mtimeMs)) return true;
    const { bytes } = await readBounded(file, DATA_LIMIT);
    return createHash("sha256").update(bytes).digest("hex") === source.sha256;
  } catch (error) {
    throw fileError(file, error);
  }
}

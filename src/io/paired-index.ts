/**
 * An index that belongs to an alias file, used only when it is intact and
 * was compiled from that file as it is now.
 *
 * Fresh means: same size, and either the recorded mtime equals the file's
 * (when one was recorded) or the SHA-256 of its bytes equals the recorded
 * one. Otherwise the index is stale and the caller should use the text.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { AliasIndex, SourceInfo } from "../index/compile.js";
import { decodeHeader, decodeIndex, IndexFormatError } from "../index/format.js";
import { errnoOf, fileError, FileError } from "./errors.js";

/** The index, or why it cannot be used: absent, unreadable or not a valid index, or stale. */
export type PairedIndex =
  | { ok: true; index: AliasIndex }
  | { ok: false; kind: "missing" | "bad" | "stale"; problem: string };

/** Load `indexFile` if it is valid and fresh for `aliasFile`; FileError only for the alias file. */
export async function loadPairedIndex(indexFile: string, aliasFile: string): Promise<PairedIndex> {
  let bytes: Buffer;
  try {
    bytes = await readFile(indexFile);
  } catch (error) {
    const kind = errnoOf(error) === "ENOENT" ? "missing" : "bad";
    return { ok: false, kind, problem: fileError(indexFile, error).message };
  }
  try {
    if (!(await isFresh(decodeHeader(bytes).source, aliasFile))) {
      return { ok: false, kind: "stale", problem: `${indexFile} is stale (${aliasFile} changed since it was compiled)` };
    }
    return { ok: true, index: decodeIndex(bytes) };
  } catch (error) {
    if (!(error instanceof IndexFormatError)) throw error;
    return { ok: false, kind: "bad", problem: new FileError(indexFile, error.message).message };
  }
}

/** True when `source` describes the alias file as it is now. */
export async function isFresh(source: SourceInfo, aliasFile: string): Promise<boolean> {
  try {
    const info = await stat(aliasFile);
    if (info.size !== source.size) return false;
    if (source.mtimeMs !== null && source.mtimeMs === Math.trunc(info.mtimeMs)) return true;
    const bytes = await readFile(aliasFile);
    return createHash("sha256").update(bytes).digest("hex") === source.sha256;
  } catch (error) {
    throw fileError(aliasFile, error);
  }
}

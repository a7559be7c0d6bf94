/**
 * Whose a file in the way is: absent, ours, or someone else's. A file is ours
 * when it carries the marker; a link is ours when it points where ours
 * points. Ours may be overwritten and removed; others never are.
 */
import { lstat, readFile, readlink } from "node:fs/promises";
import { fileError } from "../io/errors.js";
import { errnoOf } from "../io/errors.js";
import type { HookFile } from "./hook-files.js";
import { hasMarker } from "./marker.js";

/** The owner of the file at `path`. */
export type Ownership = "absent" | "ours" | "foreign";

/** Looks at `path` (where `entry` goes) to tell; a FileError naming the file when it cannot be read. */
export async function ownership(path: string, entry: HookFile): Promise<Ownership> {
  try {
    const info = await lstat(path);
    if (entry.kind === "link") return info.isSymbolicLink() && (await readlink(path)) === entry.target ? "ours" : "foreign";
    return info.isFile() && hasMarker(await readFile(path, "utf8")) ? "ours" : "foreign";
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return "absent";
    throw fileError(path, error);
  }
}

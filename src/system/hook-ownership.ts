/**
 * Whose a file in the way is: absent, ours (it carries the marker), or
 * someone else's. Ours may be overwritten and removed; others never are.
 */
import { readFile } from "node:fs/promises";
import { fileError } from "../io/errors.js";
import { errnoOf } from "../sysfs/errno.js";
import { hasMarker } from "./marker.js";

/** The owner of the file at `path`. */
export type Ownership = "absent" | "ours" | "foreign";

/** Reads `path` to tell; a FileError naming the file when it cannot be read. */
export async function ownership(path: string): Promise<Ownership> {
  try {
    return hasMarker(await readFile(path, "utf8")) ? "ours" : "foreign";
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return "absent";
    throw fileError(path, error);
  }
}

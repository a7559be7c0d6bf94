/**
 * Reading procfs tables under a configurable root (normally `/proc`). Only
 * fixed file names are joined onto the root.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { errnoOf } from "../io/errors.js";

/** The procfs files the binder reads. */
export type ProcFile = "net/route" | "net/ipv6_route" | "self/mounts" | "mounts" | "swaps";

/** The text of a procfs file, or null when it does not exist (no IPv6, no swap support, ...). */
export async function readProc(procRoot: string, file: ProcFile): Promise<string | null> {
  try {
    return await readFile(join(procRoot, file), "utf8");
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return null;
    throw err;
  }
}

/**
 * The directories `hooks install` creates, recorded so that `hooks uninstall`
 * removes them again once they are empty, and no others (a distribution's
 * own /etc/kernel/postinst.d stays, even empty). The record is a file of
 * ours: the marker line, then one directory per line, as the target system
 * names it.
 */
import { lstat, rmdir } from "node:fs/promises";
import { dirname } from "node:path";
import {
  errnoOf,
  fileError,
  readBounded,
  removeFile,
  resolveInside,
  TEXT_LIMIT,
  writeFileAtomic,
} from "../files/fs.js";
import { rooted } from "./persisted.js";

/** The record, on the target system. */
export const DIRECTORY_RECORD = "/etc/modalias/hooks-directories";

/** The parents of `files` (and of the record) that do not exist under `root` yet, parents first. */
export async function missingDirectories(root: string, files: readonly string[]): Promise<string[]> {
  const missing = new Set<string>();
  for (const file of [...files, DIRECTORY_RECORD]) {
    for (let dir = dirname(file); dir !== "/"; dir = dirname(dir)) {
      if (!missing.has(dir) && !(await existsUnder(root, dir))) missing.add(dir);
    }
  }
  return [...missing].sort();
}

/** Adds `created` to the record (kept with what earlier installs created). */
export async function recordDirectories(root: string, marker: string, created: readonly string[]): Promise<void> {
  if (created.length === 0) return;
  const all = [...new Set([...(await recorded(root, marker)), ...created])].sort();
  const file = rooted(root, DIRECTORY_RECORD);
  await writeFileAtomic(file, `${marker}\n${all.join("\n")}\n`, 0o644, { root }).catch((error: unknown) => {
    throw fileError(file, error);
  });
}

/**
 * Removes the record and the recorded directories that are empty, children
 * first (or with `dryRun` only lists them); returns their paths under `root`.
 */
export async function removeDirectories(root: string, marker: string, dryRun: boolean): Promise<string[]> {
  const dirs = (await recorded(root, marker)).sort().reverse();
  if (dirs.length === 0) return [];
  if (!dryRun) await removeFile(rooted(root, DIRECTORY_RECORD), { root });
  const removed: string[] = [];
  for (const dir of dirs) {
    const path = rooted(root, dir);
    if (dryRun) {
      removed.push(path);
      continue;
    }
    try {
      await rmdir(await resolveInside(root, path));
      removed.push(path);
    } catch (error) {
      // Not empty (someone else's files now live there) or already gone: left as it is.
      if (!["ENOTEMPTY", "EEXIST", "ENOENT"].includes(errnoOf(error) ?? "")) throw fileError(path, error);
    }
  }
  return removed;
}

/** The directories the record lists; none when there is no record or it is not ours. */
async function recorded(root: string, marker: string): Promise<string[]> {
  const file = rooted(root, DIRECTORY_RECORD);
  let text: string;
  try {
    text = (await readBounded(await resolveInside(root, file), TEXT_LIMIT)).bytes.toString("utf8");
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return [];
    throw fileError(file, error);
  }
  const [first, ...lines] = text.split("\n");
  if (first !== marker) return [];
  return lines.filter((line) => line.startsWith("/") && !line.split("/").includes(".."));
}

async function existsUnder(root: string, dir: string): Promise<boolean> {
  const path = rooted(root, dir);
  try {
    await lstat(await resolveInside(root, path));
    return true;
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return false;
    throw fileError(path, error);
  }
}

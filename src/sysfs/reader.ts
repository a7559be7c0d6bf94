/**
 * Reading sysfs under a configurable root: attributes, link names, directories.
 *
 * Absence (ENOENT) is an answer, not an error: the helpers return null. Any
 * other failure (ENODEV from a device being unplugged, EACCES, ...) is thrown
 * for the caller to report.
 */
import { readFile, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { errnoOf } from "../io/errors.js";
import type { SysfsPath } from "./paths.js";

/** Reads a sysfs tree rooted at `root` (normally `/sys`). */
export class SysfsReader {
  constructor(readonly root: string) {}

  /** The absolute path of `path`, for messages and for the default writer. */
  abs(path: SysfsPath): string {
    return join(this.root, path);
  }

  /** An attribute's text without its trailing newline, or null when it does not exist. */
  async attr(path: SysfsPath): Promise<string | null> {
    return absentAsNull(async () => (await readFile(this.abs(path), "utf8")).replace(/\n$/, ""));
  }

  /** The last component of a symlink's target (a driver or group name), or null when there is no link. */
  async linkName(path: SysfsPath): Promise<string | null> {
    return absentAsNull(async () => basename(await readlink(this.abs(path))));
  }

  /** The entries of a directory, sorted, or null when it does not exist. */
  async list(path: SysfsPath): Promise<string[] | null> {
    return absentAsNull(async () => (await readdir(this.abs(path))).sort());
  }

  /** Whether `path` exists (following links). */
  async exists(path: SysfsPath): Promise<boolean> {
    return (await absentAsNull(() => stat(this.abs(path)))) !== null;
  }

  /** The canonical absolute path `path` resolves to, or null when it does not exist. */
  async resolve(path: SysfsPath): Promise<string | null> {
    return absentAsNull(() => realpath(this.abs(path)));
  }
}

async function absentAsNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (errnoOf(err) === "ENOENT" || errnoOf(err) === "ENOTDIR") return null;
    throw err;
  }
}

/**
 * Reading the modprobe configuration from disk (the I/O edge of
 * src/config/): list the configured paths, read the files in kmod's order,
 * and read the kernel command line's `modprobe.blacklist=`.
 *
 * As kmod does, nothing here stops the reading: a path that does not exist is
 * skipped, and a directory or file that cannot be read becomes a problem
 * naming it while the rest is read. A missing or unreadable command line
 * simply adds no blacklist.
 */
import { constants, type Dirent } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { orderConfigFiles, type ConfigPath, type DirectoryEntry } from "../config/order.js";
import { mergeConfig, type ModprobeConfig } from "../config/merge.js";
import { parseKernelCmdline } from "../config/kernel-cmdline.js";
import { parseModprobeConfig } from "../config/parse.js";
import type { ConfigFile } from "../config/records.js";
import { fileError } from "./errors.js";

/**
 * The configuration directories, in the order they are listed. kmod 30 reads
 * all but `/usr/lib/modprobe.d`, which later kmod versions read too; where
 * `/lib` links to `/usr/lib` the two are one directory.
 */
export const DEFAULT_CONFIG_PATHS = [
  "/etc/modprobe.d",
  "/run/modprobe.d",
  "/usr/local/lib/modprobe.d",
  "/usr/lib/modprobe.d",
  "/lib/modprobe.d",
];

export interface ReadConfigOptions {
  /** Directories or files to read instead of the defaults, as with `modprobe -C`; used as given. */
  paths?: string[];
  /** The root the default paths are under (default `/`). */
  root?: string;
  /** The procfs root whose `cmdline` is read (default `/proc`); null leaves the command line out. */
  procRoot?: string | null;
}

export async function readModprobeConfig(options: ReadConfigOptions = {}): Promise<ModprobeConfig> {
  const root = options.root ?? "/";
  const paths = options.paths ?? DEFAULT_CONFIG_PATHS.map((path) => join(root, path));
  const listing = orderConfigFiles(await Promise.all(paths.map(examinePath)));
  const files = await Promise.all(listing.files.map(readConfigFile));
  const procRoot = options.procRoot === undefined ? "/proc" : options.procRoot;
  const kernelBlacklist = procRoot === null ? [] : parseKernelCmdline(await readCmdline(procRoot));
  return mergeConfig({ listingProblems: listing.problems, files, kernelBlacklist });
}

/** What a configured path is: a directory with its entries, one file, or nothing. */
async function examinePath(path: string): Promise<ConfigPath> {
  const isDirectory = await directoryOrNot(path);
  if (isDirectory === null) return { kind: "absent", path };
  if (!isDirectory) return { kind: "file", path };
  let dirents: Dirent[];
  try {
    dirents = await readdir(path, { withFileTypes: true });
  } catch (error) {
    return { kind: "unlistable", path, reason: fileError(path, error).reason };
  }
  const entries = await Promise.all(
    dirents.map(
      async (dirent): Promise<DirectoryEntry> => ({
        name: dirent.name,
        // A dangling link is not a directory: kmod keeps it, and it hides later files of its name.
        isDirectory: dirent.isSymbolicLink() ? (await directoryOrNot(join(path, dirent.name))) === true : dirent.isDirectory(),
      }),
    ),
  );
  return { kind: "directory", path, entries };
}

/** Whether `path` (links followed) is a directory, or null when it cannot be stat'ed. */
async function directoryOrNot(path: string): Promise<boolean | null> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return null;
  }
}

/**
 * One file's records, or a file-level problem when it cannot be read. The
 * file is opened non-blocking so that a FIFO without a writer reads as empty
 * instead of waiting forever.
 */
async function readConfigFile(file: string): Promise<ConfigFile> {
  let text: string;
  try {
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      text = await handle.readFile("latin1");
    } finally {
      await handle.close();
    }
  } catch (error) {
    const problem = { file, line: null, reason: fileError(file, error).reason };
    return { file, aliases: [], blacklists: [], installs: [], problems: [problem] };
  }
  return parseModprobeConfig(text, file);
}

/** The kernel command line, or an empty one when it cannot be read. */
async function readCmdline(procRoot: string): Promise<string> {
  const path = join(procRoot, "cmdline");
  try {
    return await readFile(path, "latin1");
  } catch {
    return "";
  }
}

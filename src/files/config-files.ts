/**
 * Reading the modprobe configuration from disk (the I/O edge of
 * src/config/): list the configured paths, read the files in kmod's order,
 * and read the kernel command line's `modprobe.blacklist=`.
 *
 * As kmod does, nothing here stops the reading: a path that does not exist is
 * skipped, and a directory or file that cannot be read becomes a problem
 * naming it while the rest is read. A missing or unreadable command line
 * simply adds no blacklist.
 *
 * Which configuration files kmod reads, and in what order
 * (`conf_files_list` and `conf_files_insert_sorted`).
 *
 * The configured paths are listed in turn. A directory contributes its
 * entries whose names do not start with `.` and end in `.conf` or (kmod < 33)
 * `.alias`;
 * an entry that is itself a directory (or a link to one) is skipped with a
 * problem, as kmod logs it. A path that is not a directory is one file, kept
 * whatever its name. A path that does not exist is skipped silently.
 *
 * All files go into one list sorted by base name, byte by byte (strcmp), and
 * a base name already in the list hides any later file of the same name: the
 * first path that has `x.conf` wins, and a single file hides a later
 * directory's entry of the same name. Only the listing is decided here; the
 * caller reads the files.
 *
 * kmod's version matters only for a configuration with a `*.alias` entry or a
 * `weakdep` line (parse/modprobe-config.ts, KmodRules); only then is it asked
 * for (the caller's `kmodVersion`, which runs `modprobe --version`), and
 * without an answer the newest kmod's rules apply.
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  type ConfigProblem,
  kmodRules,
  type ModprobeConfig,
  mergeConfig,
  parseKernelCmdline,
  parseModprobeConfig,
} from "../parse/modprobe-config.js";
import { DEFAULT_PROC_ROOT, fileError, readBounded, TEXT_LIMIT } from "./fs.js";

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
  /** The installed kmod's version, asked only when it matters; without it, the newest kmod's rules. */
  kmodVersion?: () => Promise<number | null>;
}

export async function readModprobeConfig(options: ReadConfigOptions = {}): Promise<ModprobeConfig> {
  const root = options.root ?? "/";
  const paths = options.paths ?? DEFAULT_CONFIG_PATHS.map((path) => join(root, path));
  const examined = await Promise.all(paths.map(examinePath));
  const everyCandidate = orderConfigFiles(examined, true);
  const texts = await Promise.all(everyCandidate.files.map(readConfigText));
  const matters =
    everyCandidate.files.length !== orderConfigFiles(examined, false).files.length ||
    texts.some((text) => typeof text === "string" && WEAKDEP.test(text));
  const rules = kmodRules(matters && options.kmodVersion ? await options.kmodVersion() : null);
  const listing = orderConfigFiles(examined, rules.aliasFiles);
  const files = listing.files.map((file) => {
    const text = texts[everyCandidate.files.indexOf(file)] as string | ConfigProblem;
    if (typeof text === "string") return parseModprobeConfig(text, file, rules);
    return { file, aliases: [], blacklists: [], installs: [], removes: [], problems: [text] };
  });
  const procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
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
        isDirectory: dirent.isSymbolicLink()
          ? (await directoryOrNot(join(path, dirent.name))) === true
          : dirent.isDirectory(),
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

/** A line that may be a `weakdep` command (a blank-led line is one too: kmod skips the blanks). */
const WEAKDEP = /(^|\n)[ \t]*weakdep[ \t]/;

/**
 * One file's text, or a file-level problem when it cannot be read: a file
 * that is not a regular file (a FIFO, a device) or is larger than TEXT_LIMIT
 * is such a problem, found without waiting or reading it (readBounded).
 */
async function readConfigText(file: string): Promise<string | ConfigProblem> {
  try {
    return (await readBounded(file, TEXT_LIMIT)).bytes.toString("latin1");
  } catch (error) {
    return { file, line: null, reason: fileError(file, error).reason };
  }
}

/** The kernel command line, or an empty one when it cannot be read. */
async function readCmdline(procRoot: string): Promise<string> {
  const path = join(procRoot, "cmdline");
  try {
    return (await readBounded(path, TEXT_LIMIT)).bytes.toString("latin1");
  } catch {
    return "";
  }
}

/** A directory entry as listed, with whether it is (or links to) a directory. */
export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
}

/** One configured path, as the file system showed it. */
export type ConfigPath =
  | { kind: "directory"; path: string; entries: DirectoryEntry[] }
  | { kind: "file"; path: string }
  | { kind: "absent"; path: string }
  /** A directory that could not be listed: kmod logs it and goes on. */
  | { kind: "unlistable"; path: string; reason: string };

export interface ConfigListing {
  /** The files to read, in kmod's order. */
  files: string[];
  /** Subdirectories and unlistable directories, in the order kmod logs them. */
  problems: ConfigProblem[];
}

/** The files kmod reads from `paths`, in its order; `aliasFiles` for kmod < 33, which also reads `*.alias` entries. */
export function orderConfigFiles(paths: ConfigPath[], aliasFiles = true): ConfigListing {
  const byName = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  const add = (name: string, file: string): void => {
    if (!byName.has(name)) byName.set(name, file);
  };
  for (const path of paths) {
    switch (path.kind) {
      case "file":
        add(baseName(path.path), path.path);
        break;
      case "directory":
        for (const entry of path.entries) {
          if (!isConfigName(entry.name, aliasFiles)) continue;
          const file = `${path.path}/${entry.name}`;
          if (entry.isDirectory) {
            problems.push({ file, line: null, reason: "Directories inside directories are not supported" });
          } else {
            add(entry.name, file);
          }
        }
        break;
      case "unlistable":
        problems.push({ file: path.path, line: null, reason: path.reason });
        break;
      case "absent":
        break;
    }
  }
  const names = [...byName.keys()].sort(compareBytes);
  return { files: names.map((name) => byName.get(name)!), problems };
}

/** Whether kmod considers a directory entry of this name a configuration file. */
function isConfigName(name: string, aliasFiles: boolean): boolean {
  if (name.startsWith(".") || name.length < 6) return false;
  return name.endsWith(".conf") || (aliasFiles && name.endsWith(".alias"));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** strcmp order: by the names' bytes (UTF-8), not by UTF-16 code units. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

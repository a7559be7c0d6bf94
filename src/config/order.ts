/**
 * Which configuration files kmod 30 reads, and in what order
 * (`conf_files_list` and `conf_files_insert_sorted`).
 *
 * The configured paths are listed in turn. A directory contributes its
 * entries whose names do not start with `.` and end in `.conf` or `.alias`;
 * an entry that is itself a directory (or a link to one) is skipped with a
 * problem, as kmod logs it. A path that is not a directory is one file, kept
 * whatever its name. A path that does not exist is skipped silently.
 *
 * All files go into one list sorted by base name, byte by byte (strcmp), and
 * a base name already in the list hides any later file of the same name: the
 * first path that has `x.conf` wins, and a single file hides a later
 * directory's entry of the same name. Only the listing is decided here; the
 * caller reads the files.
 */
import type { ConfigProblem } from "./records.js";

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

export function orderConfigFiles(paths: ConfigPath[]): ConfigListing {
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
          if (!isConfigName(entry.name)) continue;
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
function isConfigName(name: string): boolean {
  if (name.startsWith(".") || name.length < 6) return false;
  return name.endsWith(".conf") || name.endsWith(".alias");
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** strcmp order: by the names' bytes (UTF-8), not by UTF-16 code units. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

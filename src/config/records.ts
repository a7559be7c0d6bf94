/**
 * The records read from modprobe configuration (modprobe.d files and the
 * kernel command line), each saying where it came from.
 *
 * Module names and alias patterns are stored as kmod stores them: from files,
 * with `-` turned into `_` outside brackets; from the kernel command line, as
 * written. Text is one char per byte (latin1), as the files' bytes were.
 */

/** `alias PATTERN MODULE`. */
export interface ConfigAlias {
  file: string;
  /** 1-based number of the first physical line of the logical line. */
  line: number;
  pattern: string;
  module: string;
}

/** `blacklist MODULE` in a file. */
export interface FileBlacklist {
  origin: "file";
  file: string;
  line: number;
  module: string;
}

/** A name in a `modprobe.blacklist=` parameter on the kernel command line. */
export interface KernelCommandLineBlacklist {
  origin: "kernel command line";
  module: string;
}

/** A blacklist entry, from a file or from the kernel command line. */
export type ConfigBlacklist = FileBlacklist | KernelCommandLineBlacklist;

/** `install MODULE COMMAND...`: kmod runs COMMAND instead of loading a module whose name MODULE matches. */
export interface ConfigInstall {
  file: string;
  line: number;
  /** An fnmatch pattern over module names. */
  module: string;
  /** The rest of the line, as kmod keeps it (it may start or end with blanks). */
  command: string;
}

/** Something kmod ignores and logs: a bad line, a deprecated command, a file or directory it cannot use. */
export interface ConfigProblem {
  file: string;
  /** The line concerned, or null when the problem is the file itself. */
  line: number | null;
  reason: string;
}

/** What one configuration file says. */
export interface ConfigFile {
  file: string;
  aliases: ConfigAlias[];
  blacklists: FileBlacklist[];
  installs: ConfigInstall[];
  problems: ConfigProblem[];
}

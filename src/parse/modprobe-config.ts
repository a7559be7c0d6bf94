/**
 * The modprobe configuration as kmod (30 to 34, see KmodRules) reads it (`kmod_config_parse`), from
 * text to the effective configuration and what it prohibits. Which files are read, and in
 * which order, is files/config-files.ts's concern. Text is one char per byte (latin1), as the
 * files' bytes were; parsing never stops: every problem is reported and the next line read.
 *
 * Logical lines (`getline_wrapped`): a backslash followed by a newline joins the next
 * physical line; a backslash followed by any other character is dropped and that character
 * kept as it is (so `\\` gives one backslash); a backslash as the file's last byte becomes
 * byte 0xFF (kmod stores the EOF it reads after it as a char). A last line without a newline
 * still counts, but a file that ends in an escaped newline gives no empty line after it.
 *
 * Words (`strtok_r(line, "\t ")`): each logical line is read as a C string (it ends at its
 * first NUL); separators are runs of spaces and tabs, and the rest of a line
 * (`strtok_r(NULL, "\0")`) starts just after the one separator that ended the previous word.
 * An empty line, or one whose very first character is `#`, is skipped; a `#` after leading
 * blanks is not a comment but a command kmod does not know.
 *
 * Commands, the first word:
 * - `alias PATTERN MODULE`, `blacklist MODULE`, `install MODULE COMMAND` and
 *   `remove MODULE COMMAND` are recorded, names normalized by {@link underscores} (`-` to `_`
 *   outside brackets);
 * - `options` and `softdep` (a module and at least one more character) are accepted and not
 *   recorded, and so is `weakdep` where kmod knows it (kmod >= 33, {@link KmodRules});
 * - `include` and `config` are deprecated and ignored;
 * - anything else, a missing word, or a name with unmatched brackets makes a bad line, which
 *   kmod ignores and logs. Words after the ones a command takes are ignored.
 * Every record says where it came from (file and line, or the kernel command line).
 *
 * The kernel command line: kmod reads at most the first 4095 bytes of /proc/cmdline, up to the
 * first NUL, and splits it into parameters at blanks (space, tab, newline, vertical tab, form
 * feed, carriage return) outside double quotes. A parameter `MODULE.PARAM=VALUE` counts when
 * MODULE is exactly `modprobe` and PARAM exactly `blacklist`; VALUE is split at every `,` and
 * each name is kept as written (no `-` to `_`, quotes and empty names included). A value may
 * contain quoted blanks (`modprobe.blacklist=a"b c"` keeps the quotes). A parameter may be
 * quoted as a whole (`"modprobe.blacklist=a"`, as boot loaders pass it); kmod then moves the
 * opening quote to the start of the value, which gives `"a"`. A quote anywhere else before the
 * value, a second `.` before the `=`, an `=` before any `.`, or a value whose quote is never
 * closed spoils the parameter.
 *
 * The effective configuration: the files' records in the order kmod reads them, then the
 * kernel command line's blacklist; and what keeps a module from loading with `modprobe -b`:
 * a blacklist (a file's line or the kernel command line), or the first `install` line whose
 * pattern matches the module running a no-op instead of loading it. The same decision reads
 * `modprobe -c` output, which the binder asks for, as libvirt does, when a module's driver
 * fails to appear after `modprobe -b` (which exits 0 without loading a blacklisted module).
 */ import { fnmatch } from "../kmod/fnmatch.js";
import { cString, underscoreDashes, underscores } from "../kmod/normalize.js";

/** The commands that take a module and the rest of the line, which kmod keeps but this reader does not need. */
const UNRECORDED = new Set(["options", "softdep"]);
const DEPRECATED = new Set(["include", "config"]);

/**
 * What differs between kmod versions in reading the configuration: kmod 33 stopped reading
 * `*.alias` files in the configuration directories and learned the `weakdep` command.
 */
export interface KmodRules {
  /** Directory entries named `*.alias` are configuration files (kmod < 33). */
  aliasFiles: boolean;
  /** `weakdep MODULE MODULES...` is a command, not a bad line (kmod >= 33). */
  weakdep: boolean;
}

/** The rules of kmod `version`; the newest kmod's when the version is unknown (null). */
export function kmodRules(version: number | null): KmodRules {
  const newer = version === null || version >= 33;
  return { aliasFiles: !newer, weakdep: newer };
}

export function parseModprobeConfig(text: string, file: string, rules: KmodRules = kmodRules(null)): ConfigFile {
  const parsed: ConfigFile = { file, aliases: [], blacklists: [], installs: [], removes: [], problems: [] };
  for (const logical of logicalLines(text)) {
    const content = cString(logical.text);
    if (content === "" || content.startsWith("#")) continue;
    const tokens = new Tokens(content);
    const command = tokens.next();
    if (command === null) continue;
    const line = logical.line;
    const problem = (reason: string): ConfigProblem => ({ file, line, reason });
    const bad = (): ConfigProblem => problem(`ignoring bad line starting with '${command}'`);

    if (command === "alias") {
      const pattern = normalized(tokens.next());
      const module = normalized(tokens.next());
      if (pattern === null || module === null) parsed.problems.push(bad());
      else parsed.aliases.push({ file, line, pattern, module });
    } else if (command === "blacklist") {
      const module = normalized(tokens.next());
      if (module === null) parsed.problems.push(bad());
      else parsed.blacklists.push({ origin: "file", file, line, module });
    } else if (command === "install" || command === "remove") {
      const module = normalized(tokens.next());
      const rest = tokens.rest();
      if (module === null || rest === null) parsed.problems.push(bad());
      else (command === "install" ? parsed.installs : parsed.removes).push({ file, line, module, command: rest });
    } else if (UNRECORDED.has(command) || (command === "weakdep" && rules.weakdep)) {
      const module = normalized(tokens.next());
      if (module === null || tokens.rest() === null) parsed.problems.push(bad());
    } else if (DEPRECATED.has(command)) {
      parsed.problems.push(problem(`command ${command} is deprecated and not parsed anymore`));
    } else {
      parsed.problems.push(bad());
    }
  }
  return parsed;
}

function normalized(word: string | null): string | null {
  return word === null ? null : underscores(word);
}

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
  /** `remove MODULE COMMAND` lines (kmod answers a lookup of MODULE with them after the installs). */
  removes: ConfigInstall[];
  problems: ConfigProblem[];
}

/** One logical line and the number of its first physical line (1-based). */
export interface LogicalLine {
  text: string;
  line: number;
}

const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
/** `(char)EOF`: what kmod appends for a backslash at the end of the file. */
const EOF_CHAR = "\xff";

export function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let parts: string[] = [];
  let partStart = 0;
  let physical = 1;
  let first = 1;
  let pos = 0;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (code === NEWLINE) {
      parts.push(text.slice(partStart, pos));
      lines.push({ text: parts.join(""), line: first });
      parts = [];
      physical++;
      first = physical;
      partStart = pos + 1;
    } else if (code === BACKSLASH) {
      parts.push(text.slice(partStart, pos));
      if (pos + 1 === text.length) {
        parts.push(EOF_CHAR);
        partStart = text.length;
      } else if (text.charCodeAt(pos + 1) === NEWLINE) {
        physical++;
        partStart = pos + 2;
      } else {
        partStart = pos + 1;
      }
      pos++;
    }
    pos++;
  }
  const last = parts.join("") + text.slice(partStart);
  if (last.length > 0) lines.push({ text: last, line: first });
  return lines;
}

function isSeparator(char: string): boolean {
  return char === " " || char === "\t";
}

export class Tokens {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The next word, or null when only separators are left. */
  next(): string | null {
    let start = this.pos;
    while (start < this.text.length && isSeparator(this.text[start]!)) start++;
    if (start === this.text.length) {
      this.pos = start;
      return null;
    }
    let end = start;
    while (end < this.text.length && !isSeparator(this.text[end]!)) end++;
    this.pos = end < this.text.length ? end + 1 : end;
    return this.text.slice(start, end);
  }

  /** Everything after the last word's separator, or null when that is empty. */
  rest(): string | null {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest.length > 0 ? rest : null;
  }
}

export interface ModprobeConfig {
  /** The configuration files, in the order kmod reads them. */
  files: string[];
  aliases: ConfigAlias[];
  blacklists: ConfigBlacklist[];
  installs: ConfigInstall[];
  removes: ConfigInstall[];
  problems: ConfigProblem[];
}

export interface ConfigSources {
  /** Problems found while listing the configured paths (files/config-files.ts). */
  listingProblems: ConfigProblem[];
  /** The files in the order kmod reads them. */
  files: ConfigFile[];
  /** Names from `modprobe.blacklist=` on the kernel command line. */
  kernelBlacklist: string[];
}

export function mergeConfig(sources: ConfigSources): ModprobeConfig {
  const { files } = sources;
  return {
    files: files.map((file) => file.file),
    aliases: files.flatMap((file) => file.aliases),
    blacklists: [
      ...files.flatMap((file) => file.blacklists),
      ...sources.kernelBlacklist.map((module): ConfigBlacklist => ({ origin: "kernel command line", module })),
    ],
    installs: files.flatMap((file) => file.installs),
    removes: files.flatMap((file) => file.removes),
    problems: [...sources.listingProblems, ...files.flatMap((file) => file.problems)],
  };
}

/**
 * The blacklist entry that keeps `module` out of `modprobe -b`, or null.
 *
 * kmod compares the module's name, `-` turned into `_`, with each entry as it
 * stored it. File entries were normalized when read, but command-line entries
 * were not, so `modprobe.blacklist=vfio-pci` does not blacklist vfio_pci.
 */
export function blacklistOf(config: ModprobeConfig, module: string): ConfigBlacklist | null {
  const name = underscoreDashes(module);
  return config.blacklists.find((entry) => entry.module === name) ?? null;
}

/** Install commands that load nothing: kmod runs them instead of loading the module. */
const NO_OP_COMMANDS = new Set(["/bin/false", "/bin/true", "/usr/bin/false", "/usr/bin/true"]);

/**
 * The install entry that keeps `module` from loading, or null.
 *
 * kmod uses the first install entry whose module pattern matches the name
 * (fnmatch), and only that one; it disables the module when its command,
 * blanks trimmed, is `/bin/false`, `/bin/true`, `/usr/bin/false` or
 * `/usr/bin/true`.
 */
export function disablingInstall(config: ModprobeConfig, module: string): ConfigInstall | null {
  const name = underscoreDashes(module);
  const install = config.installs.find((entry) => fnmatch(entry.module, name));
  if (install === undefined) return null;
  return NO_OP_COMMANDS.has(install.command.replace(/^[ \t]+|[ \t]+$/g, "")) ? install : null;
}

/** kmod's buffer for the command line, including its terminating NUL. */
const KCMD_LINE_SIZE = 4096;
const BLANKS = " \t\n\v\f\r";

type State = "module" | "param" | "value" | "spoiled";

export function parseKernelCmdline(text: string): string[] {
  const cmdline = cString(text.slice(0, KCMD_LINE_SIZE - 1));
  const blacklist: string[] = [];
  let state: State = "module";
  let quoted = false;
  let wholeQuoted = false;
  let start = 0;
  let dot = 0;
  let equals = 0;
  for (let pos = 0; pos <= cmdline.length; pos++) {
    const char = pos < cmdline.length ? cmdline[pos]! : "";
    if (char === '"') {
      quoted = !quoted;
      if (quoted && state === "module" && pos === start) {
        wholeQuoted = true;
        start = pos + 1;
      } else if (state !== "value") {
        state = "spoiled";
      }
    } else if (char === "" || BLANKS.includes(char)) {
      if (quoted) {
        if (state !== "value") state = "spoiled";
        continue;
      }
      if (
        state === "value" &&
        cmdline.slice(start, dot) === "modprobe" &&
        cmdline.slice(dot + 1, equals) === "blacklist"
      ) {
        const value = cmdline.slice(equals + 1, pos);
        blacklist.push(...(wholeQuoted ? `"${value}` : value).split(","));
      }
      state = "module";
      wholeQuoted = false;
      start = pos + 1;
    } else if (char === ".") {
      if (state === "module") {
        dot = pos;
        state = "param";
      } else if (state === "param") {
        state = "spoiled";
      }
    } else if (char === "=") {
      if (state === "param") {
        equals = pos;
        state = "value";
      } else if (state === "module") {
        state = "spoiled";
      }
    }
  }
  return blacklist;
}

/** What keeps modprobe from loading a module: a blacklist, or an `install` line that does nothing. */
export interface Prohibition {
  kind: "blacklist" | "install";
  /** The line as kmod reads it: `blacklist MODULE` or `install MODULE COMMAND`. */
  line: string;
  /** Where it is written: `FILE line N`, or the kernel command line. */
  where: string;
}

/** Why the configuration keeps `module` from loading (as kmod decides), or null when it does not. */
export function prohibitionOf(config: ModprobeConfig, module: string): Prohibition | null {
  const blacklist = blacklistOf(config, module);
  if (blacklist !== null) {
    const where =
      blacklist.origin === "file"
        ? `${blacklist.file} line ${blacklist.line}`
        : "modprobe.blacklist= on the kernel command line";
    return { kind: "blacklist", line: `blacklist ${blacklist.module}`, where };
  }
  const install = disablingInstall(config, module);
  if (install === null) return null;
  return {
    kind: "install",
    line: `install ${install.module} ${install.command.trim()}`,
    where: `${install.file} line ${install.line}`,
  };
}

/** `blacklisted by WHERE` or `disabled by "LINE" in WHERE`. */
export function describeProhibition(prohibition: Prohibition): string {
  return prohibition.kind === "blacklist"
    ? `blacklisted by ${prohibition.where}`
    : `disabled by "${prohibition.line}" in ${prohibition.where}`;
}

/** The prohibition of `module` in `modprobe -c` output (the configuration as modprobe prints it). */
export function findProhibition(output: string, module: string): Prohibition | null {
  const config = mergeConfig({
    listingProblems: [],
    files: [parseModprobeConfig(output, "modprobe -c")],
    kernelBlacklist: [],
  });
  return prohibitionOf(config, module);
}

/**
 * The system's `modprobe -c` (kmod) as an oracle for reading modprobe.d, and
 * our configuration rendered the way it prints it.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { type ModprobeConfig, parseKernelCmdline } from "../../src/parse/modprobe-config.js";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findProgram(name: string, dirs: string[]): string | null {
  const path = (process.env.PATH ?? "").split(delimiter);
  return (
    [...dirs, ...path]
      .filter((dir) => dir !== "")
      .map((dir) => join(dir, name))
      .find(executable) ?? null
  );
}

/** The system's modprobe, or null when there is none. */
export const MODPROBE: string | null = findProgram("modprobe", ["/usr/sbin", "/sbin"]);

/** Why the comparison with kmod is skipped, shown in the test's name. */
export const NO_MODPROBE = "modprobe (kmod) is not installed";

const END = "# End of configuration files. Dumping indexes now:";

/** A root without /lib/modules under `scratch`, so that kmod finds no modules.softdep and no indexes. */
function noModules(scratch: string): string {
  return join(scratch, "no-modules-root");
}

export interface KmodConfig {
  /** The `blacklist`, `install` and `alias` lines, in kmod's order, bytes as latin1. */
  lines: string[];
  /** kmod's log lines about the configuration. */
  errors: string[];
}

/**
 * `modprobe -C PATH... -c`: the configuration as kmod reads it (and the host's
 * kernel command line, which kmod always reads). `scratch` is a directory of
 * the caller's, in which nothing named `no-modules-root` exists.
 */
export function kmodConfig(modprobe: string, paths: string[], scratch: string): KmodConfig {
  const args = ["-d", noModules(scratch), ...paths.flatMap((path) => ["-C", path]), "-c"];
  const result = spawnSync(modprobe, args, { encoding: "latin1", maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`modprobe -c failed (${result.status}): ${result.stderr}`);
  const out = result.stdout.split("\n");
  const end = out.indexOf(END);
  if (end < 0) throw new Error(`modprobe -c printed no "${END}" line`);
  return {
    lines: out.slice(0, end).filter((line) => /^(blacklist|install|alias) /.test(line)),
    errors: result.stderr.split("\n").filter((line) => line !== ""),
  };
}

/** The host's `modprobe.blacklist=` names, which kmod adds to whatever it is given. */
export function hostKernelBlacklist(): string[] {
  try {
    return parseKernelCmdline(readFileSync("/proc/cmdline", "latin1"));
  } catch {
    return [];
  }
}

/**
 * Our configuration as `modprobe -c` prints it: blacklists, then installs, then
 * aliases, with `extraBlacklist` after the blacklists.
 */
export function renderConfig(config: ModprobeConfig, extraBlacklist: string[]): string[] {
  return [
    ...config.blacklists.map((entry) => `blacklist ${entry.module}`),
    ...extraBlacklist.map((module) => `blacklist ${module}`),
    ...config.installs.map((entry) => `install ${entry.module} ${entry.command}`),
    ...config.aliases.map((entry) => `alias ${entry.pattern} ${entry.module}`),
  ];
}

const DIRECTORY_IN_DIRECTORY = "Directories inside directories are not supported";

/**
 * kmod's log lines about files under `scratch`, as `FILE: REASON` (kmod's
 * line numbers count to the last physical line of a logical line, ours name
 * the first, so they are left out here).
 */
export function kmodProblems(errors: string[], scratch: string): string[] {
  return errors
    .filter((line) => line.includes(scratch))
    .map((line) => {
      const message = line.replace(/^libkmod: ERROR \S+ \w+: /, "");
      const bad = /^(.*) line \d+: (ignoring bad line starting with .*)$/s.exec(message);
      if (bad) return `${bad[1]}: ${bad[2]}`;
      if (message.startsWith(`${DIRECTORY_IN_DIRECTORY}: `)) {
        return `${message.slice(DIRECTORY_IN_DIRECTORY.length + 2)}: ${DIRECTORY_IN_DIRECTORY}`;
      }
      return message;
    });
}

/** Our problems that kmod logs too (it skips a file it cannot open silently), as `FILE: REASON`. */
export function loggedProblems(config: ModprobeConfig): string[] {
  return config.problems
    .filter((problem) => problem.line !== null || problem.reason === DIRECTORY_IN_DIRECTORY)
    .map((problem) => `${problem.file}: ${problem.reason}`);
}

const CASE_END = "@@ end of case @@";

/**
 * What `modprobe -c` prints (before the index dump) for each of `cmdlines`,
 * bind-mounted in turn over /proc/cmdline in a private mount namespace, with
 * no configuration files; or why that cannot be done here (it needs root and
 * unshare). A name may hold a newline inside quotes, so this is text, not lines.
 */
export function kmodCmdlineConfigs(modprobe: string, cmdlines: string[]): string[] | string {
  const unshare = findProgram("unshare", ["/usr/bin", "/bin"]);
  if (unshare === null) return "unshare (util-linux) is not installed";
  if (process.getuid?.() !== 0) return "bind-mounting over /proc/cmdline needs root";
  const scratch = mkdtempSync(join(tmpdir(), "modalias-cmdline-"));
  try {
    const files = cmdlines.map((cmdline, n) => {
      const file = join(scratch, `cmdline-${n}`);
      writeFileSync(file, Buffer.from(cmdline, "latin1"));
      return file;
    });
    const script = [
      'modprobe="$1"; nomodules="$2"; none="$3"; shift 3',
      'for file in "$@"; do',
      '  mount --bind "$file" /proc/cmdline || exit 99',
      '  "$modprobe" -d "$nomodules" -C "$none" -c || exit 98',
      `  echo "${CASE_END}"`,
      "  umount /proc/cmdline || exit 97",
      "done",
    ].join("\n");
    const args = ["-m", "sh", "-c", script, "sh", modprobe, noModules(scratch), join(scratch, "none"), ...files];
    const result = spawnSync(unshare, args, { encoding: "latin1", maxBuffer: 1 << 26 });
    if (result.status !== 0) return `cannot bind-mount over /proc/cmdline here: ${result.stderr.trim()}`;
    return result.stdout
      .split(`${CASE_END}\n`)
      .slice(0, cmdlines.length)
      .map((out) => out.slice(0, out.lastIndexOf(END)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The effective modprobe configuration: the files' records in the order kmod
 * reads them, then the kernel command line's blacklist; and the questions the
 * binder asks of it: is a module blacklisted, and does an install command
 * keep it from loading.
 */
import { fnmatch } from "../pattern/fnmatch.js";
import type { ConfigAlias, ConfigBlacklist, ConfigFile, ConfigInstall, ConfigProblem } from "./records.js";

export interface ModprobeConfig {
  /** The configuration files, in the order kmod reads them. */
  files: string[];
  aliases: ConfigAlias[];
  blacklists: ConfigBlacklist[];
  installs: ConfigInstall[];
  problems: ConfigProblem[];
}

export interface ConfigSources {
  /** Problems found while listing the configured paths (see order.ts). */
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
  const name = moduleName(module);
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
  const name = moduleName(module);
  const install = config.installs.find((entry) => fnmatch(entry.module, name));
  if (install === undefined) return null;
  return NO_OP_COMMANDS.has(install.command.replace(/^[ \t]+|[ \t]+$/g, "")) ? install : null;
}

/** A module name as kmod normalizes it. */
function moduleName(module: string): string {
  return module.replaceAll("-", "_");
}

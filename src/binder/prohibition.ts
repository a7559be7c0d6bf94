/**
 * What in modprobe's configuration keeps a module from loading with
 * `modprobe -b`, in words naming where it is written: a blacklist (a file's
 * line or the kernel command line) or an install command that runs a no-op
 * instead of loading the module.
 */
import { blacklistOf, disablingInstall, type ModprobeConfig } from "../config/merge.js";

/** `blacklisted by FILE line N`, `blacklisted by modprobe.blacklist= on the kernel command line`, `disabled by ...`, or null. */
export function prohibitionOf(config: ModprobeConfig, module: string): string | null {
  const blacklist = blacklistOf(config, module);
  if (blacklist !== null) {
    return blacklist.origin === "file"
      ? `blacklisted by ${blacklist.file} line ${blacklist.line}`
      : "blacklisted by modprobe.blacklist= on the kernel command line";
  }
  const install = disablingInstall(config, module);
  if (install !== null) return `disabled by "install ${install.module} ${install.command.trim()}" in ${install.file} line ${install.line}`;
  return null;
}

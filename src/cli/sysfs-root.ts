/**
 * The `--sysfs-root` option, shared by the device commands and `match
 * --device`; kept apart from device-options.ts so that `match` does not load
 * the binder at start-up.
 */
import type { Command } from "commander";
import { DEFAULT_SYSFS_ROOT } from "../files/fs.js";

/** Adds `--sysfs-root`. */
export function addSysfsRootOption(command: Command): Command {
  return command.option(
    "--sysfs-root <dir>",
    "where sysfs is mounted",
    orDefault(DEFAULT_SYSFS_ROOT),
    DEFAULT_SYSFS_ROOT,
  );
}

/** An option parser that takes an empty value as the default (an unset variable in a script). */
export function orDefault(fallback: string): (value: string) => string {
  return (value) => (value === "" ? fallback : value);
}

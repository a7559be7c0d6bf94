/**
 * The `--sysfs-root` option, shared by the device commands and `match
 * --device`; kept apart from device-options.ts so that `match` does not load
 * the binder at start-up.
 */
import { DEFAULT_SYSFS_ROOT } from "../files/fs.js";
import type { OptionSpec } from "./options.js";

/** `--sysfs-root`. */
export const SYSFS_ROOT_OPTION: OptionSpec = {
  flags: "--sysfs-root <dir>",
  description: "where sysfs is mounted",
  default: DEFAULT_SYSFS_ROOT,
  parse: orDefault(DEFAULT_SYSFS_ROOT),
};

/** An option parser that takes an empty value as the default (an unset variable in a script). */
export function orDefault(fallback: string): (value: string) => string {
  return (value) => (value === "" ? fallback : value);
}

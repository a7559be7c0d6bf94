/**
 * The options shared by the binder commands, and reading them back from
 * commander's parsed values.
 */
import type { Command } from "commander";
import type { BinderSettings } from "../../binder/context.js";

/** Adds `--json`, `--sysfs-root`, `--proc-root` and (if `modprobe`) `--modprobe`. */
export function addCommonOptions(cmd: Command, { modprobe }: { modprobe: boolean }): Command {
  cmd
    .option("--json", "print one JSON object per device, one per line")
    .option("--sysfs-root <dir>", "where sysfs is mounted", "/sys")
    .option("--proc-root <dir>", "where procfs is mounted", "/proc");
  if (modprobe) cmd.option("--modprobe <cmd>", "the modprobe program to load modules with", "modprobe");
  return cmd;
}

/** Adds `--force` with the given description. */
export function addForceOption(cmd: Command, description: string): Command {
  return cmd.option("--force", description);
}

/** Adds `--dry-run`. */
export function addDryRunOption(cmd: Command): Command {
  return cmd.option("--dry-run", "print every module load and sysfs write, in order, and do none of them");
}

/** The roots and modprobe command from parsed options. */
export function settingsFrom(opts: Record<string, unknown>): Required<BinderSettings> {
  return {
    sysfsRoot: text(opts, "sysfsRoot", "/sys"),
    procRoot: text(opts, "procRoot", "/proc"),
    modprobe: text(opts, "modprobe", "modprobe"),
  };
}

/** Whether boolean option `key` is set. */
export function flag(opts: Record<string, unknown>, key: string): boolean {
  return opts[key] === true;
}

function text(opts: Record<string, unknown>, key: string, fallback: string): string {
  const value = opts[key];
  return typeof value === "string" && value !== "" ? value : fallback;
}

/**
 * `--persist` for bind and unbind: after a device succeeds, record its vfio
 * driver in driverctl's layout (bind) or forget it (unbind), under `--root`.
 * Only a report that succeeded has a driver to record, and bind's driver is
 * always the one whose vfio alias matched. The result goes into the device's
 * JSON record as `persist`, or is printed after its line; a failure to record
 * raises the exit status to 1.
 */
import type { Command } from "commander";
import type { ChangeReport } from "../../binder/report.js";
import { driverName } from "../../sysfs/names.js";
import { forgetOverride, saveOverride, type PersistResult } from "../../system/persisted.js";
import { DEFAULT_ROOT } from "../../system/rooted.js";
import { emit } from "../binder/emit.js";
import { failureReason, successLines } from "../binder/format-change.js";
import { EXIT_DEVICE_FAILED, type Output } from "../binder/output.js";

/** Adds `--persist` (described by `description`) and `--root`. */
export function addPersistOptions(cmd: Command, description: string): Command {
  return cmd
    .option("--persist", description)
    .option("--root <dir>", "with --persist: the root under which /etc/driverctl.d lives", DEFAULT_ROOT);
}

/** The root to persist under, or null without --persist. */
export function persistRoot(opts: Record<string, unknown>): string | null {
  if (opts["persist"] !== true) return null;
  const root = opts["root"];
  return typeof root === "string" && root !== "" ? root : DEFAULT_ROOT;
}

/**
 * Prints a bind or unbind report; with a `root` (--persist), first persists
 * (bind) or forgets (unbind) a successful report's choice, and prints the
 * result with it.
 */
export async function emitPersisted(
  output: Output,
  json: boolean,
  r: ChangeReport,
  root: string | null,
  dryRun: boolean,
): Promise<void> {
  const persist = root === null ? null : await persistFor(r, root, dryRun);
  emit(output, json, persist === null ? r : { ...r, persist }, successLines, failureReason);
  if (persist === null) return;
  if (persist.error !== null) output.fail(EXIT_DEVICE_FAILED);
  if (json) return;
  if (persist.error !== null) output.error(r.device, `not persisted: ${persist.error}`);
  else output.line(persistLine(r, persist));
}

async function persistFor(r: ChangeReport, root: string, dryRun: boolean): Promise<PersistResult | null> {
  if (!r.ok) return null;
  if (r.command === "unbind") return forgetOverride(root, r.device, dryRun);
  if (r.target === null) return null;
  return saveOverride(root, r.device, driverName(r.target.driver), dryRun);
}

function persistLine(r: ChangeReport, p: PersistResult): string {
  switch (p.action) {
    case "saved":
      return `${r.device}: persisted ${p.driver ?? "?"} in ${p.file}`;
    case "would-save":
      return `  echo ${p.driver ?? "?"} > ${p.file}`;
    case "forgotten":
      return `${r.device}: forgot persisted ${p.driver ?? "driver"} (removed ${p.file})`;
    case "would-forget":
      return `  rm ${p.file}`;
    case "none":
      return `${r.device}: nothing was persisted (no ${p.file})`;
  }
}

/**
 * `--persist` for bind and unbind: after a device succeeds, record its vfio
 * driver in driverctl's layout (bind) or forget it (unbind), under `--root`.
 * Only a report that succeeded has a driver to record, and bind's driver is
 * always the one whose vfio alias matched. The result goes into the device's
 * JSON record as `persist`, or is printed after its line; a failure to record
 * raises the exit status to 1.
 */

/**
 * `modalias list-persisted`: the persisted overrides of PCI devices in
 * /etc/driverctl.d (under --root), one `DEVICE DRIVER` line each, or one
 * JSON object per line. An entry that cannot be read is named on stderr and
 * makes the exit status 1; the others are still listed.
 */
import type { Command } from "commander";
import type { ChangeReport } from "../binder/transaction.js";
import { driverName } from "../platform/sysfs.js";
import { DEFAULT_ROOT, forgetOverride, listPersisted, type PersistResult, saveOverride } from "../system/persisted.js";
import { failureReason, successLines } from "./bind.js";
import { EXIT_SOME_FAILED, emit, type Output, outputOf } from "./output.js";

/** Adds `--persist` (described by `description`) and `--root`. */
export function addPersistOptions(cmd: Command, description: string): Command {
  return cmd
    .option("--persist", description)
    .option("--root <dir>", "with --persist: the root under which /etc/driverctl.d lives", DEFAULT_ROOT);
}

/** The root to persist under, or null without --persist. */
export function persistRoot(opts: Record<string, unknown>): string | null {
  if (opts.persist !== true) return null;
  const root = opts.root;
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
  if (persist.error !== null) output.fail(EXIT_SOME_FAILED);
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

const EXAMPLE = `
Lists every PCI override in driverctl's layout, whether modalias or driverctl
recorded it.

Example:
  $ modalias list-persisted
  0000:01:00.0 vfio-pci
  0000:3b:00.1 mlx5_vfio_pci
  $ modalias list-persisted --json
  {"device":"0000:01:00.0","driver":"vfio-pci","file":"/etc/driverctl.d/pci-0000:01:00.0"}
  {"device":"0000:3b:00.1","driver":"mlx5_vfio_pci","file":"/etc/driverctl.d/pci-0000:3b:00.1"}`;

/** Adds the `list-persisted` command. */
export function registerListPersistedCommand(program: Command): void {
  program
    .command("list-persisted")
    .description("list the PCI devices whose driver is persisted in /etc/driverctl.d")
    .option("--json", "print one JSON object per device, one per line")
    .option("--root <dir>", "the root under which /etc/driverctl.d lives", DEFAULT_ROOT)
    .addHelpText("after", EXAMPLE)
    .action(async (opts: { json?: boolean; root: string }, command: Command) => {
      const output = outputOf(command);
      const { entries, problems } = await listPersisted(opts.root);
      for (const e of entries) {
        if (opts.json === true) output.json(e);
        else output.line(`${e.device} ${e.driver}`);
      }
      for (const p of problems) output.error(p.file, p.reason);
      if (problems.length > 0) output.fail(EXIT_SOME_FAILED);
    });
}

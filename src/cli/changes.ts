/**
 * Printing bind and unbind results, which share one report shape: one
 * summary line on stdout per device that succeeded (followed by its actions
 * for --dry-run), one `modalias: DEVICE: ...` line on stderr per failure.
 *
 * `--persist`: after a device succeeds, record its vfio driver in
 * driverctl's layout (bind) or forget it (unbind), under `--root`. Only a
 * report that succeeded has a driver to record, and bind's driver is always
 * the one whose vfio alias matched. The result goes into the device's JSON
 * record as `persist`, or is printed after its line; a failure to record
 * raises the exit status to 1.
 */
import type { Command } from "commander";
import type { Action, ChangeReport } from "../binder/transaction.js";
import { driverName } from "../platform/sysfs.js";
import { DEFAULT_ROOT, forgetOverride, type PersistResult, saveOverride } from "../system/persisted.js";
import { emit } from "./device-options.js";
import { EXIT_SOME_FAILED, type Output } from "./output.js";

/** The options addPersistOptions adds. */
export interface PersistOptions {
  persist?: boolean;
  root: string;
}

/** Adds `--persist` (described by `description`) and `--root`. */
export function addPersistOptions(command: Command, description: string): Command {
  return command
    .option("--persist", description)
    .option("--root <dir>", "with --persist: the root under which /etc/driverctl.d lives", DEFAULT_ROOT);
}

/**
 * Prints a bind or unbind report; with a `root` (--persist), first persists
 * (bind) or forgets (unbind) a successful report's choice, and prints the
 * result with it.
 */
export async function emitChange(
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

/** The root to persist under, or null without --persist. */
export function persistRoot(options: PersistOptions): string | null {
  return options.persist === true ? options.root : null;
}

async function persistFor(r: ChangeReport, root: string, dryRun: boolean): Promise<PersistResult | null> {
  if (!r.ok) return null;
  if (r.command === "unbind") return forgetOverride(root, r.device, dryRun);
  if (r.target === null) return null;
  return saveOverride(root, r.device, driverName(r.target.driver), r.modalias, dryRun);
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

/** The stdout lines for a successful report. */
function successLines(r: ChangeReport): string[] {
  const was = r.before?.driver ?? "no driver";
  const target = r.target === null ? "" : `${r.target.driver} (module ${r.target.module})`;
  switch (r.outcome) {
    case "bound":
      return [`${r.device}: bound to ${target}, was ${was}`];
    case "already-bound":
      return [`${r.device}: already bound to ${target}; nothing changed`];
    case "would-bind":
      return [`${r.device}: would bind to ${target}, now ${was}`, ...r.actions.map((a) => `  ${formatAction(a)}`)];
    case "unbound": {
      const now = r.after?.driver ?? null;
      return [`${r.device}: released from ${was}; ${now === null ? "left unbound" : `now bound to ${now}`}`];
    }
    case "would-unbind":
      return [`${r.device}: would release from ${was}`, ...r.actions.map((a) => `  ${formatAction(a)}`)];
    case "refused":
    case "failed":
      return [];
  }
}

/** The stderr reason for a failed report, without the `modalias: DEVICE: ` prefix. */
function failureReason(r: ChangeReport): string {
  const e = r.error;
  if (e === null) return "failed";
  if (r.outcome === "refused") return `refused: ${e.reason}`;
  const rollback =
    e.rollback === "complete" ? "; rolled back" : e.rollback === "incomplete" ? "" : "; nothing was changed";
  return `${e.step} failed: ${e.reason}${rollback}`;
}

/**
 * One action as a shell-like line for --dry-run:
 * `modprobe -b vfio_pci`, `echo vfio-pci > /sys/.../driver_override`.
 * (echo adds a newline, which the kernel ignores, so each line does what the
 * binder's write does; `echo > FILE` is the clearing newline.)
 */
function formatAction(action: Action): string {
  if (action.kind === "modprobe") return action.argv.join(" ");
  const value = action.value === "\n" ? "" : `${action.value} `;
  return `echo ${value}> ${action.file}${action.rollback ? "   # rollback" : ""}`;
}

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
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { Action, ChangeReport } from "../binder/transaction.js";
import { describeErrno, errnoOf } from "../files/fs.js";
import { driverName } from "../platform/sysfs.js";
import {
  DEFAULT_ROOT,
  forgetOverride,
  identityFile,
  type PersistResult,
  rooted,
  saveOverride,
} from "../system/persisted.js";
import { emit } from "./device-options.js";
import type { OptionSpec } from "./options.js";
import { CliError, EXIT_SOME_FAILED, type Output } from "./output.js";

/** The options persistOptions give. */
export interface PersistOptions {
  persist?: boolean;
  root: string;
}

/** `--persist` (described by `description`) and `--root`. */
export function persistOptions(description: string): OptionSpec[] {
  return [
    { flags: "--persist", description },
    {
      flags: "--root <dir>",
      description: "with --persist: the root under which /etc/driverctl.d lives",
      default: DEFAULT_ROOT,
    },
  ];
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
  if (persist === null || root === null) return;
  if (persist.error !== null) output.fail(EXIT_SOME_FAILED);
  if (json) return;
  if (persist.error !== null) output.error(r.device, `not persisted: ${persist.error}`);
  else output.line(persistLine(r, persist, rooted(root, identityFile(r.device))));
}

/**
 * The root to persist under, or null without --persist. A root that is not a directory stops
 * the command before any device is changed, naming it (a change that could not be recorded
 * would be lost at the next boot).
 */
export async function persistRoot(options: PersistOptions): Promise<string | null> {
  if (options.persist !== true) return null;
  const problem = await stat(options.root).then(
    (s) => (s.isDirectory() ? null : "not a directory"),
    (error: unknown) => (errnoOf(error) === "ENOENT" ? "no such directory" : describeErrno(error)),
  );
  if (problem !== null) throw new CliError(`--root ${options.root}: ${problem}`);
  return options.root;
}

async function persistFor(r: ChangeReport, root: string, dryRun: boolean): Promise<PersistResult | null> {
  if (!r.ok || r.outcome === "skipped") return null;
  if (r.command === "unbind") return forgetOverride(root, r.device, dryRun);
  if (r.target === null) return null;
  return saveOverride(root, r.device, driverName(r.target.driver), r.modalias, dryRun);
}

/** The line saying what --persist did; for a dry run, the commands that would do it (`mkdir -p` first). */
function persistLine(r: ChangeReport, p: PersistResult, identity: string): string {
  switch (p.action) {
    case "saved":
      return `${r.device}: persisted ${p.driver ?? "?"} in ${p.file}`;
    case "would-save":
      return [
        `  mkdir -p ${dirname(p.file)}`,
        `  echo ${p.driver ?? "?"} > ${p.file}`,
        ...(r.modalias === null ? [] : [`  mkdir -p ${dirname(identity)}`, `  echo ${r.modalias} > ${identity}`]),
      ].join("\n");
    case "forgotten":
      return `${r.device}: forgot persisted ${p.driver ?? "driver"} (removed ${p.file})`;
    case "would-forget":
      return `  rm -f ${p.file} ${identity}`;
    case "none":
      return `${r.device}: nothing was persisted (no ${p.file})`;
  }
}

/** The stdout lines for a successful report. */
function successLines(r: ChangeReport): string[] {
  const was = r.before?.driver ?? "no driver";
  const target = r.target === null ? "" : `${r.target.driver} (module ${r.target.module})`;
  const part = r.part === undefined ? "" : ` (${r.part}${r.command === "bind" ? ", taken along" : ""})`;
  const actions = r.actions.map((a) => `  ${formatAction(a)}`);
  switch (r.outcome) {
    case "bound":
      return [`${r.device}: bound to ${target}, was ${was}${part}`];
    case "already-bound":
      return [`${r.device}: already bound to ${target}; nothing changed${part}`];
    case "would-bind":
      return [`${r.device}: would bind to ${target}, now ${was}${part}`, ...actions];
    case "unbound": {
      const now = r.after?.driver ?? null;
      return [`${r.device}: ${released(r, false)}; ${now === null ? "left unbound" : `now bound to ${now}`}${part}`];
    }
    case "would-unbind":
      return [`${r.device}: ${released(r, true)}${part}`, ...actions];
    case "skipped":
      return [`${r.device}: left as it is (${r.part ?? ""}): ${r.left ?? ""}`];
    case "refused":
    case "failed":
      return [];
  }
}

/** What unbind did (or would do): release the driver, or only clear the override of a device no driver holds. */
function released(r: ChangeReport, dryRun: boolean): string {
  const driver = r.before?.driver ?? null;
  if (driver !== null) return `${dryRun ? "would release" : "released"} from ${driver}`;
  const override = r.before?.override ?? "";
  return `${dryRun ? "would clear" : "cleared"} driver_override ${override} (no driver held it)`;
}

/** The stderr reason for a failed report, without the `modalias: DEVICE: ` prefix. */
function failureReason(r: ChangeReport): string {
  const e = r.error;
  if (e === null) return "failed";
  if (r.outcome === "refused") return `refused: ${e.reason}`;
  const rollback =
    e.rollback === "complete" ? "; rolled back" : e.rollback === "incomplete" ? "" : "; nothing was changed";
  return `${e.step === "together" ? "" : `${e.step} failed: `}${e.reason}${rollback}`;
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

/**
 * Where the binder reads and writes: the sysfs and procfs roots, the sysfs
 * writer and the module loader. Tests swap in a fake tree, a writer that plays
 * the kernel, and a fake modprobe.
 *
 * Planning the sysfs writes that move a device between drivers. Pure: the
 * plans depend only on the device's address and binding, so they can be
 * printed by --dry-run exactly as they would be carried out.
 *
 * Binding follows libvirt's order: set driver_override first (so the old
 * driver cannot grab the device back), unbind the current driver, then ask
 * the bus to probe; the caller verifies the result, since a probe write
 * succeeds even when no driver claims the device.
 *
 * Carrying out planned writes in order, recording each one, and stopping at
 * the first failure with an error that names the step and the file.
 *
 * What bind and unbind report for each device. The CLI prints these as text,
 * or as one JSON object per line with --json.
 *
 * The error a binder step fails with: which step, why, and the file involved.
 *
 * Putting a device back the way it was after a failed change: release it from
 * whatever holds it now, restore the old driver_override, and rebind the old
 * driver (through its `bind` file, or by reprobing if that is refused). The
 * result is judged by reading the binding back, not by the writes succeeding.
 *
 * Finishing a bind or unbind report after a failed step: roll back if anything
 * was written, and record the step, the reason and how the rollback went.
 */

import {
  DEFAULT_MODPROBE,
  DEFAULT_PROC_ROOT,
  DEFAULT_SYSFS_ROOT,
  describeErrno,
  describeFailure,
} from "../files/fs.js";
import { IndexFormatError } from "../index/format.js";
import { type ModuleLoader, modprobeLoader } from "../platform/modprobe.js";
import {
  type Binding,
  type DriverName,
  deviceEntry,
  driverBind,
  driversProbe,
  fsWriter,
  type PciAddress,
  readBinding,
  readBindingOrNull,
  type SysfsPath,
  SysfsReader,
  type SysfsWriter,
} from "../platform/sysfs.js";

/** Everything the binder touches. */
export interface BinderContext {
  sysfs: SysfsReader;
  procRoot: string;
  writer: SysfsWriter;
  loader: ModuleLoader;
}

/** Roots and commands, as the CLI options give them. */
export interface BinderSettings {
  /** Default DEFAULT_SYSFS_ROOT. */
  sysfsRoot?: string;
  /** Default DEFAULT_PROC_ROOT. */
  procRoot?: string;
  /** The modprobe program, default DEFAULT_MODPROBE. */
  modprobe?: string;
  /** Each modprobe run's deadline in milliseconds, default DEFAULT_MODPROBE_TIMEOUT_MS. */
  modprobeTimeout?: number;
  /** Stops a running modprobe (an interruption, see stopIfInterrupted). */
  signal?: AbortSignal;
}

/** A context writing to the real files under the given roots. */
export function binderContext(settings: BinderSettings = {}): BinderContext {
  const sysfsRoot = settings.sysfsRoot ?? DEFAULT_SYSFS_ROOT;
  return {
    sysfs: new SysfsReader(sysfsRoot),
    procRoot: settings.procRoot ?? DEFAULT_PROC_ROOT,
    writer: fsWriter(sysfsRoot),
    loader: modprobeLoader(settings.modprobe ?? DEFAULT_MODPROBE, {
      ...(settings.modprobeTimeout === undefined ? {} : { timeoutMs: settings.modprobeTimeout }),
      ...(settings.signal === undefined ? {} : { signal: settings.signal }),
    }),
  };
}

/** What a write is for; also names the step in an error report. */
export type WriteStep = "set override" | "unbind" | "probe" | "clear override" | "restore override" | "rebind";

/** One sysfs write: `value` into `path`. */
export interface PlannedWrite {
  step: WriteStep;
  path: SysfsPath;
  value: string;
}

/** What clears driver_override: the kernel rejects an empty write, a lone newline clears it. */
export const CLEAR_OVERRIDE = "\n";

/** Writes that bind device `a`, now held by `current` (or nothing), to `target`. */
export function planBind(address: PciAddress, current: DriverName | null, target: DriverName): PlannedWrite[] {
  return [
    { step: "set override", path: deviceEntry(address, "driver_override"), value: target },
    ...(current === null ? [] : [unbindWrite(address)]),
    probeWrite(address),
  ];
}

/** Writes that release device `a` from `current`, clear its override and, if `reprobe`, let a host driver take it. */
export function planUnbind(address: PciAddress, current: DriverName | null, reprobe: boolean): PlannedWrite[] {
  return [
    ...(current === null ? [] : [unbindWrite(address)]),
    { step: "clear override", path: deviceEntry(address, "driver_override"), value: CLEAR_OVERRIDE },
    ...(reprobe ? [probeWrite(address)] : []),
  ];
}

/**
 * Writes that bring device `a` from binding `now` back to binding `before`:
 * release whatever holds it now, put the old override back, and bind the old
 * driver through its `bind` file. If that last write fails, reprobing with
 * the restored override is the fallback (see planReprobe).
 */
export function planRestore(address: PciAddress, now: Binding, before: Binding): PlannedWrite[] {
  const old = before.driver;
  return [
    ...(now.driver !== null && now.driver !== before.driver ? [unbindWrite(address)] : []),
    ...(now.override === before.override
      ? []
      : [
          {
            step: "restore override" as const,
            path: deviceEntry(address, "driver_override"),
            value: before.override ?? CLEAR_OVERRIDE,
          },
        ]),
    ...(old !== null && now.driver !== old ? [{ step: "rebind" as const, path: driverBind(old), value: address }] : []),
  ];
}

/** A single probe of device `a`. */
export function planReprobe(address: PciAddress): PlannedWrite[] {
  return [probeWrite(address)];
}

function unbindWrite(address: PciAddress): PlannedWrite {
  return { step: "unbind", path: deviceEntry(address, "driver/unbind"), value: address };
}

function probeWrite(address: PciAddress): PlannedWrite {
  return { step: "probe", path: driversProbe(), value: address };
}

/** The writes as actions, without doing them (for --dry-run). */
export function asActions(ctx: BinderContext, writes: PlannedWrite[], rollback = false): Action[] {
  return writes.map((w) => ({ kind: "write", step: w.step, file: ctx.sysfs.abs(w.path), value: w.value, rollback }));
}

/**
 * Does `writes` in order, appending each completed one to `done`; throws a
 * StepError at the first failure, or before the next write once `signal`
 * has fired (the caller then rolls back).
 */
export async function applyWrites(
  ctx: BinderContext,
  writes: PlannedWrite[],
  done: Action[],
  rollback = false,
  signal?: AbortSignal,
): Promise<void> {
  for (const w of writes) {
    stopIfInterrupted(signal, w.step);
    try {
      await ctx.writer.write(w.path, w.value);
    } catch (err) {
      throw writeError(w.step, ctx.sysfs.abs(w.path), err);
    }
    done.push(...asActions(ctx, [w], rollback));
  }
}

/** A driver binding as reported: the bound driver and the driver_override, each null when absent. */
export interface BindingReport {
  driver: string | null;
  override: string | null;
}

/** One thing done (or, with --dry-run, to be done), in order. */
export type Action =
  | { kind: "modprobe"; argv: string[] }
  | { kind: "write"; step: WriteStep; file: string; value: string; rollback: boolean };

/** How a failed change was undone. */
export type Rollback = "not-needed" | "complete" | "incomplete";

/** Why a device failed. */
export interface Failure {
  step: Step;
  reason: string;
  /** The file whose write failed, if any. */
  file: string | null;
  /** True when modprobe's configuration blacklists the module. */
  blacklisted: boolean;
  rollback: Rollback;
}

/** The end state of one device. */
export type Outcome =
  | "bound"
  | "already-bound"
  | "would-bind"
  | "unbound"
  | "would-unbind"
  | "refused"
  | "failed"
  /** A device that goes with another (together.ts) and needs no change; `left` says why. */
  | "skipped";

/** The result of bind or unbind for one device. */
export interface ChangeReport {
  command: "bind" | "unbind";
  device: PciAddress;
  ok: boolean;
  outcome: Outcome;
  /** For bind: the device's modalias, once read (what --persist records as its identity); null for unbind. */
  modalias: string | null;
  /** For bind: the vfio module chosen and the driver it registers; null before it is known, and for unbind. */
  target: { module: string; driver: string } | null;
  before: BindingReport | null;
  /** The binding at the end; null for --dry-run and when it could not be read. */
  after: BindingReport | null;
  actions: Action[];
  warnings: string[];
  error: Failure | null;
  /** Why the device is part of the change when it was not named itself: `IOMMU group 14`, `consumer of ...`. */
  part?: string;
  /** For a skipped device: why it is left as it is. */
  left?: string;
}

/** A report for `device` that has not got anywhere yet. */
export function newReport(command: ChangeReport["command"], device: PciAddress): ChangeReport {
  return {
    command,
    device,
    ok: false,
    outcome: "failed",
    modalias: null,
    target: null,
    before: null,
    after: null,
    actions: [],
    warnings: [],
    error: null,
  };
}

/**
 * The steps of a bind or unbind, as named in error reports; `together`: the device was left
 * or put back because another device of the same change (its IOMMU group, its companion) failed.
 */
export type Step = "read" | "choose" | "check" | "load" | WriteStep | "verify" | "together";

/**
 * A failed step. `file` is set when a sysfs write failed; `blacklisted` when
 * modprobe's configuration blacklists the module.
 */
export class StepError extends Error {
  constructor(
    readonly step: Step,
    reason: string,
    readonly file: string | null = null,
    readonly blacklisted = false,
  ) {
    super(reason);
    this.name = "StepError";
  }
}

/** A StepError for a failed write of `file`, e.g. `permission denied (EACCES) writing /sys/...`. */
export function writeError(step: WriteStep, file: string, err: unknown): StepError {
  return new StepError(step, describeFailure("writing", file, err), file);
}

/** `err` as a StepError, attributing anything unexpected to `step`. */
export function asStepError(step: Step, err: unknown): StepError {
  if (err instanceof StepError) return err;
  return new StepError(step, deviceErrorText(err));
}

/**
 * A device's failure in words. A damaged index (found when a lookup first reads a section of
 * it) is no device's failure: it is thrown on, so the command fails as a whole, naming the file.
 */
export function deviceErrorText(err: unknown): string {
  if (err instanceof IndexFormatError) throw err;
  return describeErrno(err);
}

/**
 * Throws a StepError for `step` once `signal` has fired: a SIGINT, SIGTERM or
 * SIGHUP arrived, so the change stops before its next step and is rolled back.
 */
export function stopIfInterrupted(signal: AbortSignal | undefined, step: Step): void {
  if (signal?.aborted === true) throw new StepError(step, `interrupted by ${String(signal.reason)} before this step`);
}

/** The outcome of a rollback and, when incomplete, what went wrong. */
export interface RollbackResult {
  rollback: Rollback;
  problems: string[];
}

/**
 * Restores device `a` to binding `before`, recording the writes in `done`,
 * unless someone else has changed the device meanwhile: when its
 * driver_override no longer reads what this run last wrote there (`wrote`;
 * undefined when it wrote none), the device is left as the other program
 * set it and the rollback is incomplete.
 */
export async function restore(
  ctx: BinderContext,
  address: PciAddress,
  before: Binding,
  done: Action[],
  wrote?: string | null,
): Promise<RollbackResult> {
  const problems: string[] = [];
  try {
    const now = await readBinding(ctx.sysfs, address);
    if (wrote !== undefined && now.override !== wrote) {
      const found = now.override ?? "unset";
      return {
        rollback: "incomplete",
        problems: [
          `driver_override is ${found}, not what this run wrote; another program changed the device, left as it is`,
        ],
      };
    }
    const writes = planRestore(address, now, before);
    if (writes.length === 0) return { rollback: "not-needed", problems };
    for (const w of writes) {
      const failed = await tryWrites(ctx, [w], done, problems);
      if (failed && w.step === "rebind") await tryWrites(ctx, planReprobe(address), done, problems);
    }
    const mismatches = differences(await readBinding(ctx.sysfs, address), before);
    if (mismatches.length === 0) return { rollback: "complete", problems: [] };
    return { rollback: "incomplete", problems: [...problems, ...mismatches] };
  } catch (err) {
    return { rollback: "incomplete", problems: [...problems, describeErrno(err)] };
  }
}

async function tryWrites(
  ctx: BinderContext,
  writes: PlannedWrite[],
  done: Action[],
  problems: string[],
): Promise<boolean> {
  try {
    await applyWrites(ctx, writes, done, true);
    return false;
  } catch (err) {
    problems.push(describeErrno(err));
    return true;
  }
}

function differences(now: Binding, before: Binding): string[] {
  const out: string[] = [];
  if (now.driver !== before.driver)
    out.push(`device is bound to ${now.driver ?? "no driver"}, not ${before.driver ?? "no driver"}`);
  if (now.override !== before.override)
    out.push(`driver_override is ${now.override ?? "unset"}, not ${before.override ?? "unset"}`);
  return out;
}

/**
 * Completes `report` for failure `e`. `restoreTo` is the binding to restore,
 * or null when nothing was written yet; `dryRun` leaves the end state unread.
 */
export async function failReport(
  ctx: BinderContext,
  report: ChangeReport,
  e: StepError,
  restoreTo: Binding | null,
  dryRun: boolean,
): Promise<ChangeReport> {
  const a: PciAddress = report.device;
  const undo: RollbackResult =
    restoreTo === null
      ? { rollback: "not-needed", problems: [] }
      : await restore(ctx, a, restoreTo, report.actions, overrideWritten(report.actions));
  const reason =
    undo.problems.length === 0 ? e.message : `${e.message}; rollback incomplete: ${undo.problems.join("; ")}`;
  return {
    ...report,
    ok: false,
    outcome: e.step === "check" ? "refused" : "failed",
    error: { step: e.step, reason, file: e.file, blacklisted: e.blacklisted, rollback: undo.rollback },
    after: dryRun ? null : await readBindingOrNull(ctx.sysfs, a),
  };
}

/** The driver_override the last override write among `actions` left (null: cleared), or undefined when none was written. */
function overrideWritten(actions: readonly Action[]): string | null | undefined {
  const last = actions.findLast((a) => a.kind === "write" && !a.rollback && OVERRIDE_STEPS.has(a.step));
  if (last?.kind !== "write") return undefined;
  const value = last.value.trim();
  return value === "" ? null : value;
}

const OVERRIDE_STEPS: ReadonlySet<WriteStep> = new Set(["set override", "clear override"]);

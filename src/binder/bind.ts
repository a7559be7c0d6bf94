/**
 * Binding PCI devices to the vfio driver their `vfio_pci:` alias chooses.
 *
 * For each device: read its modalias, ask the chooser about `vfio_` + modalias,
 * check that the device may be taken, load the module (`modprobe -b`; not for
 * a module built into the kernel, and refused up front when modprobe's
 * configuration blacklists or disables it), read the driver name it
 * registered, then set driver_override, unbind, probe, and verify the driver
 * link. Any failure after the first write puts the previous
 * override and driver back. --dry-run stops before loading or writing and
 * reports what it would do.
 *
 * Releasing PCI devices from their vfio driver: unbind, clear driver_override
 * (with a newline: the kernel rejects an empty write), and reprobe so a host
 * driver takes the device back, unless told to leave it unbound. If the probe
 * finds no driver, the host driver's module is loaded by modalias
 * (`modprobe -b MODALIAS`), as udev would have at boot.
 *
 * A device that is not held by a vfio driver (nor unbound with a vfio
 * override) is refused unless forced. A failure puts the previous binding back.
 *
 * Giving a released device back to the host. When the probe after unbind
 * leaves the device without a driver, its host driver's module is usually not
 * loaded (vfio took the device at boot). Loading the modules its modalias
 * matches, blacklists honoured, is what udev would have done; a driver that
 * registers probes unbound devices by itself.
 */
import {
  type Binding,
  driverName,
  type ModuleName,
  moduleName,
  type PciAddress,
  readBinding,
  readModalias,
} from "../platform/sysfs.js";
import {
  ambiguityWarning,
  assumedDriver,
  type ChooseVfio,
  checkPciModalias,
  loadDriver,
  noVfioAlias,
  registeredDriver,
  requestedChoice,
  type VfioChoice,
  vfioKey,
} from "./choose.js";
import { kindOf } from "./groups.js";
import { lockDevice } from "./lock.js";
import { driverKind, findHostUse, refusalReason, takeoverRefusals } from "./safety.js";
import {
  type Action,
  applyWrites,
  asActions,
  asStepError,
  type BinderContext,
  type ChangeReport,
  failReport,
  newReport,
  planBind,
  planUnbind,
  type Step,
  StepError,
  stopIfInterrupted,
} from "./transaction.js";

/** Options for bind. */
export interface BindOptions {
  /** Take the device whatever the checks say: from a host driver, with routes or mounts, or unchecked. */
  force?: boolean;
  /**
   * Take the device from a host driver, but never one whose disk is mounted,
   * whose interface carries routes, or that cannot be checked (the boot path).
   */
  fromHost?: boolean;
  /** The modalias each device must still have (its persisted identity); a device that differs is refused. */
  expected?: ReadonlyMap<PciAddress, Identity>;
  /** Report the module load and writes without doing them. */
  dryRun?: boolean;
  /** Fired by an interruption: the bind stops before its next step and rolls back. */
  signal?: AbortSignal;
  /** The vfio driver (or its module) to use instead of the best, by device; checked (choose.ts, requestedChoice). */
  drivers?: ReadonlyMap<PciAddress, string>;
}

/** What a device was when its choice was persisted, and the file that says so. */
export interface Identity {
  modalias: string;
  file: string;
}

/**
 * Binds one device to its vfio driver (see the file comment), holding its
 * lock (lock.ts). Never throws: failures are in the report.
 */
export async function bindDevice(
  ctx: BinderContext,
  choose: ChooseVfio,
  address: PciAddress,
  opts: BindOptions = {},
): Promise<ChangeReport> {
  return locked(ctx, "bind", address, opts.dryRun === true, () => bindLocked(ctx, choose, address, opts));
}

async function bindLocked(
  ctx: BinderContext,
  choose: ChooseVfio,
  address: PciAddress,
  opts: BindOptions,
): Promise<ChangeReport> {
  const report = newReport("bind", address);
  let step: Step = "read";
  let before: Binding | null = null;
  let writing = false;
  try {
    stopIfInterrupted(opts.signal, step);
    const modalias = await readModalias(ctx.sysfs, address);
    before = await readBinding(ctx.sysfs, address);
    report.before = before;
    report.modalias = modalias;

    step = "check";
    const expected = opts.expected?.get(address);
    if (expected !== undefined && expected.modalias !== modalias) {
      throw new StepError(
        "check",
        `not the device persisted in ${expected.file}: it was ${expected.modalias}, it is now ${modalias}`,
      );
    }

    step = "choose";
    const key = vfioKey(modalias);
    const requested = opts.drivers?.get(address);
    let choice: VfioChoice;
    let m: ModuleName;
    if (requested === undefined) {
      choice = choose(key);
      if (choice.best === null) throw new StepError("choose", noVfioAlias(key, address));
      m = moduleName(choice.best.module);
      const tie = ambiguityWarning(choice);
      if (tie !== null) report.warnings.push(tie);
    } else {
      const asked = requestedChoice(choose, key, requested);
      choice = asked;
      m = asked.module;
    }
    report.target = { module: m, driver: assumedDriver(m) };

    step = "load";
    const loaded = await registeredDriver(ctx.sysfs, m);
    if (loaded !== null && before.driver === loaded) {
      return { ...report, ok: true, outcome: "already-bound", target: { module: m, driver: loaded }, after: before };
    }

    step = "check";
    const kind = await kindOf(ctx.sysfs, before.driver);
    const hostUse = await findHostUse(ctx.sysfs, ctx.procRoot, address);
    const fromHost = opts.fromHost === true && opts.force !== true && kind === "host" && before.driver !== null;
    const reasons = takeoverRefusals(before.driver, fromHost ? "none" : kind, hostUse);
    if (reasons.length > 0 && opts.force !== true) throw new StepError("check", refusalReason(reasons));
    if (fromHost) report.warnings.push(`taking it from host driver ${before.driver} (--from-host)`);
    report.warnings.push(...reasons.map((r) => `taking it anyway (--force): ${r}`));

    step = "load";
    let driver = loaded;
    if (driver === null && choice.builtin) {
      if (opts.dryRun !== true)
        throw new StepError("load", `module ${m} is built into the kernel but has registered no PCI driver`);
      driver = assumedDriver(m);
      report.warnings.push(`module ${m} is built in and has registered no PCI driver yet; assuming ${driver}`);
    }
    if (driver === null && choice.prohibited !== null) {
      throw new StepError("load", `module ${m} is ${choice.prohibited} (administratively prohibited)`, null, true);
    }
    if (driver === null) {
      report.actions.push({ kind: "modprobe", argv: ctx.loader.loadCommand(m) });
      if (opts.dryRun === true) {
        driver = assumedDriver(m);
        report.warnings.push(`module ${m} is not loaded yet; assuming it registers driver ${driver}`);
      } else {
        driver = await loadDriver(ctx, m);
      }
    }
    report.target = { module: m, driver };

    const writes = planBind(address, before.driver, driver);
    if (opts.dryRun === true) {
      report.actions.push(...asActions(ctx, writes));
      return { ...report, ok: true, outcome: "would-bind" };
    }
    writing = true;
    await applyWrites(ctx, writes, report.actions, false, opts.signal);

    step = "verify";
    const after = await readBinding(ctx.sysfs, address);
    if (after.driver !== driver) {
      throw new StepError(
        "verify",
        after.driver === null
          ? `${driver} did not claim the device`
          : `the device went to ${after.driver}, not ${driver}`,
      );
    }
    return { ...report, ok: true, outcome: "bound", after };
  } catch (err) {
    return failReport(ctx, report, asStepError(step, err), writing ? before : null, opts.dryRun === true);
  }
}

/** Options for unbind. */
export interface UnbindOptions {
  /** Release the device even when it is not held by a vfio driver. */
  force?: boolean;
  /** Report the writes without doing them. */
  dryRun?: boolean;
  /** Probe after clearing the override so a host driver takes the device (default true). */
  reprobe?: boolean;
  /** Fired by an interruption: the unbind stops before its next step and rolls back. */
  signal?: AbortSignal;
}

/**
 * Releases one device from its vfio driver (see the file comment), holding
 * its lock (lock.ts). Never throws: failures are in the report.
 */
export async function unbindDevice(
  ctx: BinderContext,
  address: PciAddress,
  opts: UnbindOptions = {},
): Promise<ChangeReport> {
  return locked(ctx, "unbind", address, opts.dryRun === true, () => unbindLocked(ctx, address, opts));
}

async function unbindLocked(ctx: BinderContext, address: PciAddress, opts: UnbindOptions): Promise<ChangeReport> {
  const report = newReport("unbind", address);
  const reprobe = opts.reprobe !== false;
  let step: Step = "read";
  let before: Binding | null = null;
  let writing = false;
  try {
    stopIfInterrupted(opts.signal, step);
    before = await readBinding(ctx.sysfs, address);
    report.before = before;

    step = "check";
    const kind = await kindOf(ctx.sysfs, before.driver);
    // A vfio override on a device that is not on it is a bind that did not finish: unbind clears it.
    const ours = kind === "vfio" || (before.override !== null && driverKind(before.override) === "vfio");
    if (!ours) {
      const held = before.driver === null ? "not bound to any driver" : `bound to ${before.driver}, not a vfio driver`;
      if (opts.force !== true) throw new StepError("check", `${held} (use --force to release it anyway)`);
      report.warnings.push(`releasing it anyway (--force): ${held}`);
    }

    // Only a vfio driver is released; a host driver still holding a half-bound device keeps it.
    const writes = planUnbind(address, kind === "vfio" || !ours ? before.driver : null, reprobe);
    if (opts.dryRun === true) {
      report.actions.push(...asActions(ctx, writes));
      return { ...report, ok: true, outcome: "would-unbind" };
    }
    writing = true;
    await applyWrites(ctx, writes, report.actions, false, opts.signal);

    step = "verify";
    let after = await readBinding(ctx.sysfs, address);
    if (after.override !== null) throw new StepError("verify", `driver_override still reads ${after.override}`);
    if (after.driver !== null && (await kindOf(ctx.sysfs, after.driver)) === "vfio") {
      throw new StepError("verify", `${after.driver} claimed the device again (a new_id or ids= option matches it)`);
    }
    if (reprobe && after.driver === null) {
      step = "load";
      const host = await loadHostDriver(ctx, address, report.actions);
      after = host.binding;
      if (after.driver === null) {
        const why = host.problem === null ? "" : ` (${host.problem})`;
        report.warnings.push(`no host driver claimed the device; it is left unbound${why}`);
      }
    }
    return { ...report, ok: true, outcome: "unbound", after };
  } catch (err) {
    return failReport(ctx, report, asStepError(step, err), writing ? before : null, opts.dryRun === true);
  }
}

/**
 * Undoes a change that succeeded because a device that goes with it failed (together.ts): the
 * device goes back to the binding it had, holding its lock, and its report says `why`.
 */
export async function undoChange(ctx: BinderContext, report: ChangeReport, why: string): Promise<ChangeReport> {
  const before = report.before;
  const binding: Binding | null =
    before === null
      ? null
      : { driver: before.driver === null ? null : driverName(before.driver), override: before.override };
  return locked(ctx, report.command, report.device, false, () =>
    failReport(ctx, report, new StepError("together", why), binding, false),
  );
}

/**
 * Runs `change` holding the lock of device `address` (lock.ts), so that no
 * other process binds, unbinds or rolls it back meanwhile; a dry run only
 * reads, and takes none. A lock that cannot be had is the report's failure.
 */
async function locked(
  ctx: BinderContext,
  command: ChangeReport["command"],
  address: PciAddress,
  dryRun: boolean,
  change: () => Promise<ChangeReport>,
): Promise<ChangeReport> {
  if (dryRun) return change();
  let release: () => Promise<void>;
  try {
    release = await lockDevice(ctx.sysfs.root, address);
  } catch (err) {
    return failReport(ctx, newReport(command, address), asStepError("read", err), null, false);
  }
  try {
    return await change();
  } finally {
    await release();
  }
}

/** The binding after loading the device's host driver, and why loading failed, if it did. */
export interface HostLoad {
  binding: Binding;
  problem: string | null;
}

/** Runs `modprobe -b MODALIAS` for device `a`, recording it in `done`. */
export async function loadHostDriver(ctx: BinderContext, address: PciAddress, done: Action[]): Promise<HostLoad> {
  const modalias = checkPciModalias(await readModalias(ctx.sysfs, address));
  done.push({ kind: "modprobe", argv: ctx.loader.loadCommand(modalias) });
  const problem = await ctx.loader.load(modalias);
  return { binding: await readBinding(ctx.sysfs, address), problem };
}

/**
 * Releasing PCI devices from their vfio driver: unbind, clear driver_override
 * (with a newline: the kernel rejects an empty write), and reprobe so a host
 * driver takes the device back, unless told to leave it unbound. If the probe
 * finds no driver, the host driver's module is loaded by modalias
 * (`modprobe -b MODALIAS`), as udev would have at boot.
 *
 * A device that is not held by a vfio driver (nor unbound with a vfio
 * override) is refused unless forced. A failure puts the previous binding back.
 */
import type { PciAddress } from "./address.js";
import { asActions, applyWrites } from "./apply.js";
import type { BinderContext } from "./context.js";
import { driverKind } from "./driver-kind.js";
import { asStepError, StepError, type Step } from "./errors.js";
import { failReport } from "./fail.js";
import { loadHostDriver } from "./host-driver.js";
import { kindOf } from "./group-state.js";
import { planUnbind } from "./plan.js";
import { newReport, type ChangeReport } from "./report.js";
import { readBinding, type Binding } from "../sysfs/device.js";

/** Options for unbind. */
export interface UnbindOptions {
  /** Release the device even when it is not held by a vfio driver. */
  force?: boolean;
  /** Report the writes without doing them. */
  dryRun?: boolean;
  /** Probe after clearing the override so a host driver takes the device (default true). */
  reprobe?: boolean;
}

/** Releases each device in turn. */
export async function unbindDevices(
  ctx: BinderContext,
  devices: readonly PciAddress[],
  opts: UnbindOptions = {},
): Promise<ChangeReport[]> {
  const reports: ChangeReport[] = [];
  for (const a of devices) reports.push(await unbindDevice(ctx, a, opts));
  return reports;
}

/** Releases one device from its vfio driver (see the file comment). Never throws: failures are in the report. */
export async function unbindDevice(ctx: BinderContext, a: PciAddress, opts: UnbindOptions = {}): Promise<ChangeReport> {
  const report = newReport("unbind", a);
  const reprobe = opts.reprobe !== false;
  let step: Step = "read";
  let before: Binding | null = null;
  let writing = false;
  try {
    before = await readBinding(ctx.sysfs, a);
    report.before = before;

    step = "check";
    const kind = await kindOf(ctx.sysfs, before.driver);
    const ours =
      kind === "vfio" || (kind === "none" && before.override !== null && driverKind(before.override) === "vfio");
    if (!ours) {
      const held = before.driver === null ? "not bound to any driver" : `bound to ${before.driver}, not a vfio driver`;
      if (opts.force !== true) throw new StepError("check", `${held} (use --force to release it anyway)`);
      report.warnings.push(`releasing it anyway (--force): ${held}`);
    }

    const writes = planUnbind(a, before.driver, reprobe);
    if (opts.dryRun === true) {
      report.actions.push(...asActions(ctx, writes));
      return { ...report, ok: true, outcome: "would-unbind" };
    }
    writing = true;
    await applyWrites(ctx, writes, report.actions);

    step = "verify";
    let after = await readBinding(ctx.sysfs, a);
    if (after.override !== null) throw new StepError("verify", `driver_override still reads ${after.override}`);
    if (after.driver !== null && (await kindOf(ctx.sysfs, after.driver)) === "vfio") {
      throw new StepError("verify", `${after.driver} claimed the device again (a new_id or ids= option matches it)`);
    }
    if (reprobe && after.driver === null) {
      step = "load";
      const host = await loadHostDriver(ctx, a, report.actions);
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

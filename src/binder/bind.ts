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
 */
import type { PciAddress } from "./address.js";
import { asActions, applyWrites } from "./apply.js";
import { ambiguityWarning, vfioKey, type ChooseVfio } from "./chooser.js";
import type { BinderContext } from "./context.js";
import { asStepError, StepError, type Step } from "./errors.js";
import { failReport } from "./fail.js";
import { groupWarnings } from "./group-warnings.js";
import { kindOf } from "./group-state.js";
import { findHostUse } from "./host-use.js";
import { planBind } from "./plan.js";
import { newReport, type ChangeReport } from "./report.js";
import { refusalReason, takeoverRefusals } from "./safety.js";
import { assumedDriver, loadDriver, registeredDriver } from "./target-driver.js";
import { readBinding, readModalias, type Binding } from "../sysfs/device.js";
import { moduleName } from "../sysfs/names.js";

/** Options for bind. */
export interface BindOptions {
  /** Take the device even from a host driver, or with routes or mounts. */
  force?: boolean;
  /** Report the module load and writes without doing them. */
  dryRun?: boolean;
}

/** Binds each device in turn, then adds IOMMU group warnings to those that succeeded. */
export async function bindDevices(
  ctx: BinderContext,
  choose: ChooseVfio,
  devices: readonly PciAddress[],
  opts: BindOptions = {},
): Promise<ChangeReport[]> {
  const reports: ChangeReport[] = [];
  for (const a of devices) reports.push(await bindDevice(ctx, choose, a, opts));
  const goingToVfio = new Set<string>(reports.filter((r) => r.ok).map((r) => r.device));
  for (const report of reports) {
    if (report.ok) report.warnings.push(...(await groupWarnings(ctx.sysfs, report.device, goingToVfio)));
  }
  return reports;
}

/** Binds one device to its vfio driver (see the file comment). Never throws: failures are in the report. */
export async function bindDevice(
  ctx: BinderContext,
  choose: ChooseVfio,
  a: PciAddress,
  opts: BindOptions = {},
): Promise<ChangeReport> {
  const report = newReport("bind", a);
  let step: Step = "read";
  let before: Binding | null = null;
  let writing = false;
  try {
    const modalias = await readModalias(ctx.sysfs, a);
    before = await readBinding(ctx.sysfs, a);
    report.before = before;

    step = "choose";
    const key = vfioKey(modalias);
    const choice = choose(key);
    if (choice.best === null) throw new StepError("choose", `no vfio driver alias matches ${key}`);
    const tie = ambiguityWarning(choice);
    if (tie !== null) report.warnings.push(tie);
    const m = moduleName(choice.best.module);

    step = "load";
    const loaded = await registeredDriver(ctx.sysfs, m);
    if (loaded !== null && before.driver === loaded) {
      return { ...report, ok: true, outcome: "already-bound", target: { module: m, driver: loaded }, after: before };
    }

    step = "check";
    const reasons = takeoverRefusals(
      before.driver,
      await kindOf(ctx.sysfs, before.driver),
      await findHostUse(ctx.sysfs, ctx.procRoot, a),
    );
    if (reasons.length > 0 && opts.force !== true) throw new StepError("check", refusalReason(reasons));
    report.warnings.push(...reasons.map((r) => `taking it anyway (--force): ${r}`));

    step = "load";
    let driver = loaded;
    if (driver === null && choice.builtin) {
      if (opts.dryRun !== true) throw new StepError("load", `module ${m} is built into the kernel but has registered no PCI driver`);
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

    const writes = planBind(a, before.driver, driver);
    if (opts.dryRun === true) {
      report.actions.push(...asActions(ctx, writes));
      return { ...report, ok: true, outcome: "would-bind" };
    }
    writing = true;
    await applyWrites(ctx, writes, report.actions);

    step = "verify";
    const after = await readBinding(ctx.sysfs, a);
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

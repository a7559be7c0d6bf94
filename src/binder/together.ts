/**
 * Changing several devices, and the devices that go with each, all or nothing.
 *
 * What goes with a device: with `group`, every member of its IOMMU group (vfio can use a
 * group only as a whole); and, unless `companions` is false, every device it supplies through
 * a device link (`consumer:pci:ADDRESS` in its directory: a GPU's HD-audio function), which
 * passthrough tools hand to vfio with it. A device and what goes with it are one unit.
 *
 * A member other than the device named is left as it is when it needs nothing: for bind, one
 * already on a vfio driver, on pci-stub or a bridge driver (pcieport), or a PCI bridge with no
 * driver (vfio allows these in a group, and vfio-pci cannot take a bridge); for unbind, one
 * that is not on a vfio driver.
 *
 * All or nothing: before a unit's first write, each member is planned as --dry-run plans it,
 * and a member that is refused or cannot be planned stops the unit with nothing changed. A
 * member that fails while changing is rolled back by its own change, and every member changed
 * before it is put back the way it was (undoChange). A dry run plans every member.
 */
import {
  type Binding,
  isCanonicalPciAddress,
  type PciAddress,
  pciConsumers,
  readBinding,
  readGroup,
  readModalias,
  type SysfsReader,
} from "../platform/sysfs.js";
import { type BindOptions, bindDevice, type UnbindOptions, unbindDevice, undoChange } from "./bind.js";
import type { ChooseVfio } from "./choose.js";
import { groupWarnings, kindOf } from "./groups.js";
import { driverKind } from "./safety.js";
import { asStepError, type BinderContext, type ChangeReport, failReport, newReport, StepError } from "./transaction.js";

/** Which devices go with each device named. */
export interface TogetherOptions {
  /** Every member of the device's IOMMU group. */
  group?: boolean;
  /** The devices it supplies through a device link (default true). */
  companions?: boolean;
}

/** A device of a unit, and why it is in it (null: the device named). */
interface Member {
  address: PciAddress;
  part: string | null;
}

type Change = (address: PciAddress, dryRun: boolean) => Promise<ChangeReport>;

/** Binds each device with what goes with it, then adds IOMMU group warnings to those that succeeded. */
export async function bindDevices(
  ctx: BinderContext,
  choose: ChooseVfio,
  devices: readonly PciAddress[],
  opts: BindOptions & TogetherOptions = {},
): Promise<ChangeReport[]> {
  const change: Change = (address, dryRun) => bindDevice(ctx, choose, address, { ...opts, dryRun });
  const reports = await changeEach(ctx, "bind", devices, opts, change);
  const goingToVfio = new Set<string>(reports.filter((r) => r.ok && r.outcome !== "skipped").map((r) => r.device));
  for (const report of reports) {
    if (report.ok && report.outcome !== "skipped")
      report.warnings.push(...(await groupWarnings(ctx.sysfs, report.device, goingToVfio)));
  }
  return reports;
}

/** Releases each device with what goes with it. */
export async function unbindDevices(
  ctx: BinderContext,
  devices: readonly PciAddress[],
  opts: UnbindOptions & TogetherOptions = {},
): Promise<ChangeReport[]> {
  const change: Change = (address, dryRun) => unbindDevice(ctx, address, { ...opts, dryRun });
  return changeEach(ctx, "unbind", devices, opts, change);
}

async function changeEach(
  ctx: BinderContext,
  command: ChangeReport["command"],
  devices: readonly PciAddress[],
  opts: TogetherOptions & { dryRun?: boolean },
  change: Change,
): Promise<ChangeReport[]> {
  const reports: ChangeReport[] = [];
  const covered = new Set<PciAddress>();
  for (const address of devices) {
    if (covered.has(address)) continue;
    let members: Member[];
    try {
      members = await unitOf(ctx.sysfs, address, opts);
    } catch (error) {
      reports.push(await failReport(ctx, newReport(command, address), asStepError("read", error), null, true));
      continue;
    }
    for (const m of members) covered.add(m.address);
    reports.push(...(await changeUnit(ctx, command, members, opts.dryRun === true, change)));
  }
  return reports;
}

/** The device named, then what goes with it (see the file comment). */
async function unitOf(sysfs: SysfsReader, address: PciAddress, opts: TogetherOptions): Promise<Member[]> {
  const members: Member[] = [{ address, part: null }];
  const add = (device: PciAddress, part: string): void => {
    if (!members.some((m) => m.address === device)) members.push({ address: device, part });
  };
  if (opts.group === true) {
    const group = await readGroup(sysfs, address);
    if (group === null) {
      throw new StepError(
        "read",
        "it has no IOMMU group (the IOMMU is off or does not translate it): no group to change",
      );
    }
    for (const m of group.members) if (isCanonicalPciAddress(m.device)) add(m.device, `IOMMU group ${group.number}`);
  }
  if (opts.companions !== false) {
    for (const m of [...members]) {
      for (const consumer of await pciConsumers(sysfs, m.address)) {
        add(consumer, `consumer of ${m.address} through a device link`);
      }
    }
  }
  return members;
}

/** Changes the members of one unit, all or nothing. */
async function changeUnit(
  ctx: BinderContext,
  command: ChangeReport["command"],
  members: readonly Member[],
  dryRun: boolean,
  change: Change,
): Promise<ChangeReport[]> {
  const left = new Map<PciAddress, ChangeReport>();
  for (const m of members) {
    const report = m.part === null ? null : await leftAsItIs(ctx, command, m);
    if (report !== null) left.set(m.address, report);
  }
  const changing = members.filter((m) => !left.has(m.address));
  const withPart = (r: ChangeReport): ChangeReport => {
    const part = members.find((m) => m.address === r.device)?.part ?? null;
    return part === null ? r : { ...r, part };
  };
  const results = await changeAll(ctx, changing, dryRun, change);
  return members.map((m) => left.get(m.address) ?? withPart(results.get(m.address) as ChangeReport));
}

/** The changes of `changing`, by address: planned first, then made, undone together on a failure. */
async function changeAll(
  ctx: BinderContext,
  changing: readonly Member[],
  dryRun: boolean,
  change: Change,
): Promise<Map<PciAddress, ChangeReport>> {
  const out = new Map<PciAddress, ChangeReport>();
  if (changing.length > 1 && !dryRun) {
    const planned: ChangeReport[] = [];
    for (const m of changing) planned.push(await change(m.address, true));
    const failed = planned.find((r) => !r.ok);
    if (failed !== undefined) {
      for (const r of planned) out.set(r.device, r.ok ? await notAttempted(ctx, r, failed) : unplanned(r));
      return out;
    }
  }
  for (const m of changing) {
    const report = await change(m.address, dryRun);
    out.set(m.address, report);
    if (report.ok || dryRun) continue;
    for (const [address, done] of out) {
      if (address === m.address) continue;
      const why = `${done.command === "bind" ? "bound" : "released"}, then put back: ${m.address}, which goes with it, failed`;
      out.set(address, done.outcome === "already-bound" ? done : await undoChange(ctx, done, why));
    }
    for (const rest of changing.filter((c) => !out.has(c.address))) {
      out.set(rest.address, await notAttempted(ctx, newReport(report.command, rest.address), report));
    }
    break;
  }
  return out;
}

/** The report of a member whose plan failed, as if it had been tried: nothing done, nothing changed. */
function unplanned(r: ChangeReport): ChangeReport {
  return { ...r, actions: [], warnings: [], after: r.before };
}

/** A member left unchanged because `failed`, which goes with it, was refused or failed. */
async function notAttempted(ctx: BinderContext, r: ChangeReport, failed: ChangeReport): Promise<ChangeReport> {
  const what = failed.outcome === "refused" ? "was refused" : "failed";
  const error = new StepError("together", `left as it is: ${failed.device}, which goes with it, ${what}`);
  return failReport(ctx, { ...r, actions: [], warnings: [] }, error, null, false);
}

/** The report of a member that needs no change (see the file comment), or null when it does. */
async function leftAsItIs(
  ctx: BinderContext,
  command: ChangeReport["command"],
  m: Member,
): Promise<ChangeReport | null> {
  let binding: Binding;
  let why: string | null;
  try {
    binding = await readBinding(ctx.sysfs, m.address);
    why =
      command === "bind" ? await bindNeedless(ctx.sysfs, m.address, binding) : await unbindNeedless(ctx.sysfs, binding);
  } catch {
    return null; // the change itself reads it again and reports why it cannot
  }
  if (why === null) return null;
  const report = newReport(command, m.address);
  return { ...report, ok: true, outcome: "skipped", before: binding, after: binding, part: m.part ?? "", left: why };
}

async function bindNeedless(sysfs: SysfsReader, address: PciAddress, binding: Binding): Promise<string | null> {
  const kind = await kindOf(sysfs, binding.driver);
  if (kind === "vfio") return `already on ${binding.driver}, a vfio driver`;
  if (kind === "no-dma") return `on ${binding.driver}, which vfio allows in a group`;
  if (kind === "none" && isBridge(await readModalias(sysfs, address)))
    return "a PCI bridge without a driver, which vfio allows in a group";
  return null;
}

async function unbindNeedless(sysfs: SysfsReader, binding: Binding): Promise<string | null> {
  const ours =
    (await kindOf(sysfs, binding.driver)) === "vfio" ||
    (binding.override !== null && driverKind(binding.override) === "vfio");
  if (ours) return null;
  return `not on a vfio driver (${binding.driver ?? "no driver"})`;
}

/** PCI-to-PCI bridges (class 06, subclass 04 or 09): vfio-pci takes no bridge. */
function isBridge(modalias: string): boolean {
  return /bc06sc0[49]i[0-9A-Fa-f]{2}$/.test(modalias);
}

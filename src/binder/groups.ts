/**
 * IOMMU group usability. Pure.
 *
 * vfio can use a group only when every member is bound to a vfio driver, to a
 * driver that does no DMA (pci-stub, pcieport), or to nothing. Members still
 * bound to host drivers block the whole group.
 *
 * Reading a device's IOMMU group with the kind of driver each member has.
 *
 * The IOMMU group warnings given after binding: a device without a group, or
 * a group whose other members are still bound to host drivers.
 */
import { describeErrno } from "../files/fs.js";
import { type DriverName, moduleOf, type PciAddress, readGroup, type SysfsReader } from "../platform/sysfs.js";
import { type DriverKind, driverKind } from "./safety.js";

/** A group member with its driver and that driver's kind. */
export interface MemberState {
  device: string;
  driver: string | null;
  kind: DriverKind;
}

/** Members that keep the group from being usable, given the devices about to be bound to vfio. */
export function groupBlockers(members: readonly MemberState[], goingToVfio: ReadonlySet<string>): MemberState[] {
  return members.filter((m) => m.kind === "host" && !goingToVfio.has(m.device));
}

/** The warning for a group with blockers, or null when it is usable. */
export function groupWarning(group: string, blockers: readonly MemberState[]): string | null {
  if (blockers.length === 0) return null;
  const list = blockers.map((m) => `${m.device} (${m.driver ?? "no driver"})`).join(", ");
  return `IOMMU group ${group} is not usable until these members leave their host drivers: ${list}`;
}

/** A group's number and members. */
export interface GroupState {
  number: string;
  members: MemberState[];
}

/** The IOMMU group of device `a` with each member's driver kind, or null when it has no group. */
export async function readGroupState(sysfs: SysfsReader, address: PciAddress): Promise<GroupState | null> {
  const group = await readGroup(sysfs, address);
  if (group === null) return null;
  const members: MemberState[] = [];
  for (const m of group.members)
    members.push({ device: m.device, driver: m.driver, kind: await kindOf(sysfs, m.driver) });
  return { number: group.number, members };
}

/** The kind of driver `d`, looking up its module so vfio variants are recognized by either name. */
export async function kindOf(sysfs: SysfsReader, driver: DriverName | null): Promise<DriverKind> {
  return driverKind(driver, driver === null ? null : await moduleOf(sysfs, driver));
}

/** Warnings about the group of device `a`, counting `goingToVfio` (devices bound or about to be) as vfio. */
export async function groupWarnings(
  sysfs: SysfsReader,
  address: PciAddress,
  goingToVfio: ReadonlySet<string>,
): Promise<string[]> {
  let group: GroupState | null;
  try {
    group = await readGroupState(sysfs, address);
  } catch (err) {
    return [`cannot read the IOMMU group: ${describeErrno(err)}`];
  }
  if (group === null) return ["device has no IOMMU group (IOMMU off or not translating it); vfio cannot use it"];
  const warning = groupWarning(group.number, groupBlockers(group.members, goingToVfio));
  return warning === null ? [] : [warning];
}

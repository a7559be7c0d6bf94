/**
 * Reading a device's IOMMU group with the kind of driver each member has.
 */
import type { PciAddress } from "./address.js";
import { driverKind, type DriverKind } from "./driver-kind.js";
import type { MemberState } from "./group.js";
import { readGroup } from "../sysfs/device.js";
import { moduleOf } from "../sysfs/drivers.js";
import type { DriverName } from "../sysfs/names.js";
import type { SysfsReader } from "../sysfs/reader.js";

/** A group's number and members. */
export interface GroupState {
  number: string;
  members: MemberState[];
}

/** The IOMMU group of device `a` with each member's driver kind, or null when it has no group. */
export async function readGroupState(r: SysfsReader, a: PciAddress): Promise<GroupState | null> {
  const group = await readGroup(r, a);
  if (group === null) return null;
  const members: MemberState[] = [];
  for (const m of group.members) members.push({ device: m.device, driver: m.driver, kind: await kindOf(r, m.driver) });
  return { number: group.number, members };
}

/** The kind of driver `d`, looking up its module so vfio variants are recognized by either name. */
export async function kindOf(r: SysfsReader, d: DriverName | null): Promise<DriverKind> {
  return driverKind(d, d === null ? null : await moduleOf(r, d));
}

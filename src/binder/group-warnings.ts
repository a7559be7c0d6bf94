/**
 * The IOMMU group warnings given after binding: a device without a group, or
 * a group whose other members are still bound to host drivers.
 */
import type { PciAddress } from "./address.js";
import { groupBlockers, groupWarning } from "./group.js";
import { readGroupState, type GroupState } from "./group-state.js";
import { describeErrno } from "../sysfs/errno.js";
import type { SysfsReader } from "../sysfs/reader.js";

/** Warnings about the group of device `a`, counting `goingToVfio` (devices bound or about to be) as vfio. */
export async function groupWarnings(
  r: SysfsReader,
  a: PciAddress,
  goingToVfio: ReadonlySet<string>,
): Promise<string[]> {
  let group: GroupState | null;
  try {
    group = await readGroupState(r, a);
  } catch (err) {
    return [`cannot read the IOMMU group: ${describeErrno(err)}`];
  }
  if (group === null) return ["device has no IOMMU group (IOMMU off or not translating it); vfio cannot use it"];
  const warning = groupWarning(group.number, groupBlockers(group.members, goingToVfio));
  return warning === null ? [] : [warning];
}

/**
 * IOMMU group usability. Pure.
 *
 * vfio can use a group only when every member is bound to a vfio driver, to a
 * driver that does no DMA (pci-stub, pcieport), or to nothing. Members still
 * bound to host drivers block the whole group.
 */
import type { DriverKind } from "./driver-kind.js";

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

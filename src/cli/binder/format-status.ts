/**
 * Text for the status command: one line per device, and a second line
 * listing the other members of its IOMMU group when it shares the group.
 */
import type { StatusReport } from "../../binder/status.js";

/** The stdout lines for one device. */
export function statusLines(r: StatusReport): string[] {
  const group = r.iommuGroup;
  const main = [
    r.device,
    r.ids ?? "????:????",
    `driver=${r.driver ?? "-"}`,
    `override=${r.override ?? "-"}`,
    `vfio=${r.vfio?.module ?? "-"}`,
    `group=${group?.number ?? "-"}`,
  ].join(" ");
  const others = group?.members.filter((m) => m.device !== r.device) ?? [];
  if (group === null || others.length === 0) return [main];
  const list = others.map((m) => `${m.device} (${m.driver ?? "no driver"})`).join(", ");
  return [main, `  group ${group.number}${group.usable ? "" : ", not usable by vfio yet"}: also ${list}`];
}

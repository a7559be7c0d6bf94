/**
 * Text for the status command: one line per device (a built-in vfio module
 * marked so), then a line saying what keeps the vfio module from loading
 * when something does, and one listing the other members of its IOMMU group
 * when it shares the group.
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
    `vfio=${r.vfio?.module ?? "-"}${r.vfio?.builtin === true ? "(built-in)" : ""}`,
    `group=${group?.number ?? "-"}`,
  ].join(" ");
  const lines = [main];
  if (r.vfio !== null && r.vfio.prohibited !== null) lines.push(`  vfio module ${r.vfio.module} is ${r.vfio.prohibited}`);
  const others = group?.members.filter((m) => m.device !== r.device) ?? [];
  if (group === null || others.length === 0) return lines;
  const list = others.map((m) => `${m.device} (${m.driver ?? "no driver"})`).join(", ");
  return [...lines, `  group ${group.number}${group.usable ? "" : ", not usable by vfio yet"}: also ${list}`];
}

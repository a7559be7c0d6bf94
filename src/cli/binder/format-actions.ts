/**
 * Actions as shell-like lines for --dry-run:
 * `modprobe -b vfio_pci`, `echo vfio-pci > /sys/.../driver_override`.
 * (echo adds a newline, which the kernel ignores, so each line does what the
 * binder's write does; `echo > FILE` is the clearing newline.)
 */
import type { Action } from "../../binder/report.js";

/** One action as a command line. */
export function formatAction(action: Action): string {
  if (action.kind === "modprobe") return action.argv.join(" ");
  const value = action.value === "\n" ? "" : `${action.value} `;
  return `echo ${value}> ${action.file}${action.rollback ? "   # rollback" : ""}`;
}

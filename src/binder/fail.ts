/**
 * Finishing a bind or unbind report after a failed step: roll back if anything
 * was written, and record the step, the reason and how the rollback went.
 */
import type { PciAddress } from "./address.js";
import type { BinderContext } from "./context.js";
import type { StepError } from "./errors.js";
import type { ChangeReport } from "./report.js";
import { restore, type RollbackResult } from "./rollback.js";
import { readBindingOrNull, type Binding } from "../sysfs/device.js";

/**
 * Completes `report` for failure `e`. `restoreTo` is the binding to restore,
 * or null when nothing was written yet; `dryRun` leaves the end state unread.
 */
export async function failReport(
  ctx: BinderContext,
  report: ChangeReport,
  e: StepError,
  restoreTo: Binding | null,
  dryRun: boolean,
): Promise<ChangeReport> {
  const a: PciAddress = report.device;
  const undo: RollbackResult =
    restoreTo === null ? { rollback: "not-needed", problems: [] } : await restore(ctx, a, restoreTo, report.actions);
  const reason =
    undo.problems.length === 0 ? e.message : `${e.message}; rollback incomplete: ${undo.problems.join("; ")}`;
  return {
    ...report,
    ok: false,
    outcome: e.step === "check" ? "refused" : "failed",
    error: { step: e.step, reason, file: e.file, blacklisted: e.blacklisted, rollback: undo.rollback },
    after: dryRun ? null : await readBindingOrNull(ctx.sysfs, a),
  };
}

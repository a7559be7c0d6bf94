/**
 * Carrying out planned writes in order, recording each one, and stopping at
 * the first failure with an error that names the step and the file.
 */
import type { BinderContext } from "./context.js";
import { writeError } from "./errors.js";
import type { PlannedWrite } from "./plan.js";
import type { Action } from "./report.js";

/** The writes as actions, without doing them (for --dry-run). */
export function asActions(ctx: BinderContext, writes: PlannedWrite[], rollback = false): Action[] {
  return writes.map((w) => ({ kind: "write", step: w.step, file: ctx.sysfs.abs(w.path), value: w.value, rollback }));
}

/** Does `writes` in order, appending each completed one to `done`; throws a StepError at the first failure. */
export async function applyWrites(
  ctx: BinderContext,
  writes: PlannedWrite[],
  done: Action[],
  rollback = false,
): Promise<void> {
  for (const w of writes) {
    try {
      await ctx.writer.write(w.path, w.value);
    } catch (err) {
      throw writeError(w.step, ctx.sysfs.abs(w.path), err);
    }
    done.push(...asActions(ctx, [w], rollback));
  }
}

/**
 * Putting a device back the way it was after a failed change: release it from
 * whatever holds it now, restore the old driver_override, and rebind the old
 * driver (through its `bind` file, or by reprobing if that is refused). The
 * result is judged by reading the binding back, not by the writes succeeding.
 */
import type { PciAddress } from "./address.js";
import { applyWrites } from "./apply.js";
import type { BinderContext } from "./context.js";
import { planReprobe, planRestore, type PlannedWrite } from "./plan.js";
import type { Action, Rollback } from "./report.js";
import { readBinding, type Binding } from "../sysfs/device.js";
import { describeErrno } from "../sysfs/errno.js";

/** The outcome of a rollback and, when incomplete, what went wrong. */
export interface RollbackResult {
  rollback: Rollback;
  problems: string[];
}

/** Restores device `a` to binding `before`, recording the writes in `done`. */
export async function restore(
  ctx: BinderContext,
  a: PciAddress,
  before: Binding,
  done: Action[],
): Promise<RollbackResult> {
  const problems: string[] = [];
  try {
    const writes = planRestore(a, await readBinding(ctx.sysfs, a), before);
    if (writes.length === 0) return { rollback: "not-needed", problems };
    for (const w of writes) {
      const failed = await tryWrites(ctx, [w], done, problems);
      if (failed && w.step === "rebind") await tryWrites(ctx, planReprobe(a), done, problems);
    }
    const mismatches = differences(await readBinding(ctx.sysfs, a), before);
    if (mismatches.length === 0) return { rollback: "complete", problems: [] };
    return { rollback: "incomplete", problems: [...problems, ...mismatches] };
  } catch (err) {
    return { rollback: "incomplete", problems: [...problems, describeErrno(err)] };
  }
}

async function tryWrites(
  ctx: BinderContext,
  writes: PlannedWrite[],
  done: Action[],
  problems: string[],
): Promise<boolean> {
  try {
    await applyWrites(ctx, writes, done, true);
    return false;
  } catch (err) {
    problems.push(describeErrno(err));
    return true;
  }
}

function differences(now: Binding, before: Binding): string[] {
  const out: string[] = [];
  if (now.driver !== before.driver)
    out.push(`device is bound to ${now.driver ?? "no driver"}, not ${before.driver ?? "no driver"}`);
  if (now.override !== before.override)
    out.push(`driver_override is ${now.override ?? "unset"}, not ${before.override ?? "unset"}`);
  return out;
}

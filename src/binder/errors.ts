/**
 * The error a binder step fails with: which step, why, and the file involved.
 */
import { describeErrno } from "../sysfs/errno.js";
import type { WriteStep } from "./plan.js";

/** The steps of a bind or unbind, as named in error reports. */
export type Step = "read" | "choose" | "check" | "load" | WriteStep | "verify";

/**
 * A failed step. `file` is set when a sysfs write failed; `blacklisted` when
 * modprobe's configuration blacklists the module.
 */
export class StepError extends Error {
  constructor(
    readonly step: Step,
    reason: string,
    readonly file: string | null = null,
    readonly blacklisted = false,
  ) {
    super(reason);
    this.name = "StepError";
  }
}

/** A StepError for a failed write of `file`, e.g. `permission denied (EACCES) writing /sys/...`. */
export function writeError(step: WriteStep, file: string, err: unknown): StepError {
  return new StepError(step, `${describeErrno(err)} writing ${file}`, file);
}

/** `err` as a StepError, attributing anything unexpected to `step`. */
export function asStepError(step: Step, err: unknown): StepError {
  if (err instanceof StepError) return err;
  return new StepError(step, describeErrno(err));
}

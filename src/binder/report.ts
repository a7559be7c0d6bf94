/**
 * What bind and unbind report for each device. The CLI prints these as text,
 * or as one JSON object per line with --json.
 */
import type { PciAddress } from "./address.js";
import type { Step } from "./errors.js";
import type { WriteStep } from "./plan.js";

/** A driver binding as reported: the bound driver and the driver_override, each null when absent. */
export interface BindingReport {
  driver: string | null;
  override: string | null;
}

/** One thing done (or, with --dry-run, to be done), in order. */
export type Action =
  | { kind: "modprobe"; argv: string[] }
  | { kind: "write"; step: WriteStep; file: string; value: string; rollback: boolean };

/** How a failed change was undone. */
export type Rollback = "not-needed" | "complete" | "incomplete";

/** Why a device failed. */
export interface Failure {
  step: Step;
  reason: string;
  /** The file whose write failed, if any. */
  file: string | null;
  /** True when modprobe's configuration blacklists the module. */
  blacklisted: boolean;
  rollback: Rollback;
}

/** The end state of one device. */
export type Outcome = "bound" | "already-bound" | "would-bind" | "unbound" | "would-unbind" | "refused" | "failed";

/** The result of bind or unbind for one device. */
export interface ChangeReport {
  command: "bind" | "unbind";
  device: PciAddress;
  ok: boolean;
  outcome: Outcome;
  /** For bind: the vfio module chosen and the driver it registers; null before it is known, and for unbind. */
  target: { module: string; driver: string } | null;
  before: BindingReport | null;
  /** The binding at the end; null for --dry-run and when it could not be read. */
  after: BindingReport | null;
  actions: Action[];
  warnings: string[];
  error: Failure | null;
}

/** A report for `device` that has not got anywhere yet. */
export function newReport(command: ChangeReport["command"], device: PciAddress): ChangeReport {
  return {
    command,
    device,
    ok: false,
    outcome: "failed",
    target: null,
    before: null,
    after: null,
    actions: [],
    warnings: [],
    error: null,
  };
}

/**
 * Text for bind and unbind results: one summary line on stdout per device
 * that succeeded (followed by its actions for --dry-run), one
 * `modalias: DEVICE: ...` line on stderr per failure.
 */
import type { ChangeReport } from "../../binder/report.js";
import { formatAction } from "./format-actions.js";

/** The stdout lines for a successful report. */
export function successLines(r: ChangeReport): string[] {
  const was = r.before?.driver ?? "no driver";
  const target = r.target === null ? "" : `${r.target.driver} (module ${r.target.module})`;
  switch (r.outcome) {
    case "bound":
      return [`${r.device}: bound to ${target}, was ${was}`];
    case "already-bound":
      return [`${r.device}: already bound to ${target}; nothing changed`];
    case "would-bind":
      return [`${r.device}: would bind to ${target}, now ${was}`, ...r.actions.map((a) => `  ${formatAction(a)}`)];
    case "unbound": {
      const now = r.after?.driver ?? null;
      return [`${r.device}: released from ${was}; ${now === null ? "left unbound" : `now bound to ${now}`}`];
    }
    case "would-unbind":
      return [`${r.device}: would release from ${was}`, ...r.actions.map((a) => `  ${formatAction(a)}`)];
    case "refused":
    case "failed":
      return [];
  }
}

/** The stderr reason for a failed report, without the `modalias: DEVICE: ` prefix. */
export function failureReason(r: ChangeReport): string {
  const e = r.error;
  if (e === null) return "failed";
  if (r.outcome === "refused") return `refused: ${e.reason}`;
  const rollback =
    e.rollback === "complete" ? "; rolled back" : e.rollback === "incomplete" ? "" : "; nothing was changed";
  return `${e.step} failed: ${e.reason}${rollback}`;
}

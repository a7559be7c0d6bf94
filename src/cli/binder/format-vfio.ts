/**
 * Text for the vfio command: the chosen module, then the modalias, the key,
 * the winning alias and the runner-up, each on its own line.
 */
import type { AliasHit } from "../../binder/chooser.js";
import type { VfioReport } from "../../binder/explain.js";
import { placeOf } from "../../lookup/lookup.js";

/** The stdout lines for a report that found a driver. */
export function vfioLines(r: VfioReport): string[] {
  return [
    `${r.device}: ${r.module ?? "none"}${r.builtin ? " (built into the kernel)" : ""}`,
    `  modalias   ${r.modalias ?? "?"}`,
    `  key        ${r.key ?? "?"}`,
    `  alias      ${r.best === null ? "none" : hit(r.best)}`,
    `  runner-up  ${r.runnerUp === null ? "none" : `${r.runnerUp.module}, ${hit(r.runnerUp)}`}`,
  ];
}

function hit(h: AliasHit): string {
  return `${placeOf(h)}: ${h.pattern} (${h.stars} ${h.stars === 1 ? "star" : "stars"})`;
}

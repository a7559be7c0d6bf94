/**
 * The size chart of a run: the mixed set (every kind of key) and the pci set
 * (well-formed device keys), captioned with the machine and date. Indexed
 * and linear are drawn on the real file and the synthetic ones, libkmod on
 * Debian's file (its own modules.alias.bin) and the synthetic ones.
 */
import type { Results } from "./results.js";
import { lookupVsSizeSvg } from "./svg.js";

export function sizeChart(r: Results): string {
  const caption = `${r.machine.cpu} (${r.machine.nproc} cores), node ${r.machine.node}, ${r.date.slice(0, 10)}; libkmod on Debian's file at the left`;
  const rows = r.latency.filter((row) => (row.contender === "libkmod" ? row.file !== "real" : row.file !== "debian"));
  return lookupVsSizeSvg(rows, ["mixed", "pci"], caption);
}

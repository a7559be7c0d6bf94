/**
 * Latency rows: one contender over several query sets of one alias file.
 */
import type { Contender } from "../contenders/contender.js";
import { type Budget, type Latency, measureLatency } from "./latency.js";

export interface LatencyRow extends Latency {
  contender: string;
  file: string;
  lines: number;
  set: string;
  keys: number;
}

export interface FileRef {
  name: string;
  lines: number;
}

export async function runSets(
  contender: Contender,
  file: FileRef,
  sets: readonly (readonly [string, readonly string[]])[],
  budget: Budget,
): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const [set, keys] of sets) {
    if (keys.length === 0) continue;
    const latency = await measureLatency(contender, keys, budget);
    rows.push({ contender: contender.name, file: file.name, lines: file.lines, set, keys: keys.length, ...latency });
    process.stderr.write(
      `  ${contender.name} ${file.name} ${set}: median ${latency.medianUs.toFixed(2)} us, p99 ${latency.p99Us.toFixed(2)} us (${latency.samples} samples)\n`,
    );
  }
  return rows;
}

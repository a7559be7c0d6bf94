/**
 * Finding latency rows, and the ratio of a contender to the indexed lookup
 * on the same alias file and query set (libkmod's Debian rows are set against
 * indexed on the Debian file).
 */
import type { LatencyRow } from "../measure/suite.js";

export function row(rows: readonly LatencyRow[], contender: string, file: string, set: string): LatencyRow | undefined {
  return rows.find((r) => r.contender === contender && r.file === file && r.set === set);
}

export interface Ratio {
  /** other median / indexed median: how many times faster indexed is per typical lookup. */
  median: number;
  /** indexed throughput / other throughput: the same on mean latency. */
  throughput: number;
}

export function versusIndexed(rows: readonly LatencyRow[], other: LatencyRow): Ratio | null {
  const base = row(rows, "indexed", other.file, other.set);
  if (base === undefined || other.contender === "indexed") return null;
  return { median: other.medianUs / base.medianUs, throughput: base.perSecond / other.perSecond };
}

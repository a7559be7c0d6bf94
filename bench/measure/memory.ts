/**
 * Peak memory with an index loaded: a child process loads the index, answers
 * the given keys and reports its peak RSS (and its RSS before loading).
 */
import { writeFileSync } from "node:fs";
import { childJson, childScript } from "./spawn.js";

export interface MemoryResult {
  file: string;
  indexBytes: number;
  baselineMb: number;
  peakMb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
}

interface ChildReport {
  baselineKb: number;
  peakKb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
}

export function measureMemory(
  file: string,
  indexPath: string,
  indexBytes: number,
  keys: readonly string[],
  keyFile: string,
): MemoryResult {
  writeFileSync(keyFile, `${keys.join("\n")}\n`, "latin1");
  const report = childJson<ChildReport>([childScript("peak-rss"), indexPath, keyFile]);
  return {
    file,
    indexBytes,
    baselineMb: report.baselineKb / 1024,
    peakMb: report.peakKb / 1024,
    heapUsedMb: report.heapUsedMb,
    arrayBuffersMb: report.arrayBuffersMb,
  };
}

/**
 * Everything one run measured, as written to bench/results/<date>.json and
 * bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Machine } from "../machine.js";
import type { BatchResult } from "../measure/batch.js";
import type { BuildResult } from "../measure/build.js";
import type { CliResult } from "../measure/cli.js";
import type { ColdResult } from "../measure/cold.js";
import type { MemoryResult } from "../measure/memory.js";
import type { LatencyRow } from "../measure/suite.js";

export interface FileInfo extends Omit<BuildResult, "indexPath"> {
  /** Size of the modules.alias.bin libkmod used for this file, if any. */
  kmodBinBytes: number | null;
  /** Who wrote that modules.alias.bin. */
  kmodBinFrom: "depmod" | "bench writer" | null;
}

export interface Check {
  what: string;
  keys: number;
  agree: number;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  value: number | null;
  met: boolean | null;
}

export interface Results {
  date: string;
  machine: Machine;
  keysPerSet: Record<string, number>;
  files: FileInfo[];
  latency: LatencyRow[];
  cold: ColdResult[];
  memory: MemoryResult[];
  cli: CliResult;
  batch: BatchResult;
  checks: Check[];
  targets: Target[];
  notes: string[];
  durationS: number;
}

export const RESULTS_DIR = fileURLToPath(new URL("../../../bench/results/", import.meta.url));

/** Write <date>.json and latest.json; returns the dated file's name. */
export function writeResults(results: Results): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const name = `${results.date.slice(0, 10)}.json`;
  const text = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(`${RESULTS_DIR}${name}`, text);
  writeFileSync(`${RESULTS_DIR}latest.json`, text);
  return name;
}

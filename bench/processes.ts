/**
 * Load versus compile: the time to get a first answer from an index file
 * (read + open as the command line does + first lookup) against the time to get it from the alias
 * text (read + parse + compile + first lookup). Measured in fresh child
 * processes (cold JIT; node's start-up and imports excluded and reported
 * apart) and in this process (warm JIT; the compile side is the build
 * measurement).
 *
 * Peak memory with an index loaded: a child process loads the index, answers
 * the given keys and reports its peak RSS (and its RSS before loading).
 */

import { readFileSync, writeFileSync } from "node:fs";
import { openIndex } from "../src/index/format.js";
import { AliasLookup } from "../src/lookup/lookup.js";
import { type BuildResult, childJson, childScript, median } from "./measure.js";

export interface ColdResult {
  file: string;
  lines: number;
  childLoadMs: number;
  childCompileMs: number;
  childLoadRuns: number;
  childCompileRuns: number;
  /** Median node start-up + imports before the measured part, ms. */
  childStartupMs: number;
  inProcessLoadMs: number;
  inProcessLoadRuns: number;
  inProcessCompileMs: number;
}

interface ChildReport {
  ms: number;
  startupMs: number;
  module: string | null;
}

const compileRunsFor = (lines: number): number => (lines <= 50_000 ? 5 : lines <= 150_000 ? 3 : 1);

export function measureCold(build: BuildResult, textPath: string, modalias: string): ColdResult {
  const script = childScript("cold");
  const loads = Array.from({ length: 7 }, () => childJson<ChildReport>([...script, "load", build.indexPath, modalias]));
  const compiles = Array.from({ length: compileRunsFor(build.lines) }, () =>
    childJson<ChildReport>([...script, "compile", textPath, modalias]),
  );
  const answers = new Set([...loads, ...compiles].map((r) => r.module));
  if (answers.size !== 1) throw new Error(`cold runs disagree on ${modalias}: ${[...answers].join(", ")}`);
  const bytes = readFileSync(build.indexPath);
  const inProcessRuns = build.lines <= 150_000 ? 7 : 3;
  const loadOnce = (): number => {
    const start = performance.now();
    new AliasLookup(openIndex(bytes)).best(modalias);
    return performance.now() - start;
  };
  loadOnce();
  const inProcess = Array.from({ length: inProcessRuns }, loadOnce);
  return {
    file: build.file,
    lines: build.lines,
    childLoadMs: median(loads.map((r) => r.ms)),
    childCompileMs: median(compiles.map((r) => r.ms)),
    childLoadRuns: loads.length,
    childCompileRuns: compiles.length,
    childStartupMs: median(loads.map((r) => r.startupMs)),
    inProcessLoadMs: median(inProcess),
    inProcessLoadRuns: inProcessRuns,
    inProcessCompileMs: build.compileMs,
  };
}

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
  const report = childJson<ChildReport>([...childScript("peak-rss"), indexPath, keyFile]);
  return {
    file,
    indexBytes,
    baselineMb: report.baselineKb / 1024,
    peakMb: report.peakKb / 1024,
    heapUsedMb: report.heapUsedMb,
    arrayBuffersMb: report.arrayBuffersMb,
  };
}

/**
 * Load versus compile: the time to get a first answer from an index file
 * (read + decode + first lookup) against the time to get it from the alias
 * text (read + parse + compile + first lookup). Measured in fresh child
 * processes (cold JIT; node's start-up and imports excluded and reported
 * apart) and in this process (warm JIT; the compile side is the build
 * measurement).
 */
import { readFileSync } from "node:fs";
import { decodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import type { BuildResult } from "./build.js";
import { childJson, childScript, median } from "./spawn.js";

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
  const script = childScript("cold-load");
  const loads = Array.from({ length: 7 }, () => childJson<ChildReport>([script, "load", build.indexPath, modalias]));
  const compiles = Array.from({ length: compileRunsFor(build.lines) }, () =>
    childJson<ChildReport>([script, "compile", textPath, modalias]),
  );
  const answers = new Set([...loads, ...compiles].map((r) => r.module));
  if (answers.size !== 1) throw new Error(`cold runs disagree on ${modalias}: ${[...answers].join(", ")}`);
  const bytes = readFileSync(build.indexPath);
  const inProcessRuns = build.lines <= 150_000 ? 7 : 3;
  const loadOnce = (): number => {
    const start = performance.now();
    new AliasLookup(decodeIndex(bytes)).best(modalias);
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

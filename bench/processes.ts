/**
 * The command line's start-up: one `modalias match --index FILE KEY` against
 * a bare `node -e 0`, each spawned CLI_RUNS times (interleaved) and compared
 * by median wall time. To show where start-up goes, the same for importing
 * commander alone, msgpackr alone, and `modalias --version`.
 *
 * A batch of queries: `modalias match --index FILE --stdin` fed every key
 * (wall time from spawn to exit, start-up included) against the same keys
 * through libkmod in a loop in this process (kmod's modprobe is not used:
 * one modprobe process per key would only add start-up), with and without
 * opening libkmod's context (kmod_new + kmod_load_resources) in the timing.
 *
 * Load versus compile: the time to get a first answer from an index file
 * (read + decode + first lookup) against the time to get it from the alias
 * text (read + parse + compile + first lookup). Measured in fresh child
 * processes (cold JIT; node's start-up and imports excluded and reported
 * apart) and in this process (warm JIT; the compile side is the build
 * measurement).
 *
 * Peak memory with an index loaded: a child process loads the index, answers
 * the given keys and reports its peak RSS (and its RSS before loading).
 */

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeIndex } from "../src/index/format.js";
import { AliasLookup } from "../src/lookup/lookup.js";
import type { KmodContender } from "./kmod.js";
import { BATCH_RUNS, type BuildResult, CLI_RUNS, childJson, childScript, median, runNode } from "./measure.js";

export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface CommandTiming {
  label: string;
  medianMs: number;
  minMs: number;
}

export interface CliResult {
  runs: number;
  commands: CommandTiming[];
  /** Median of the match command over median of `node -e 0`. */
  ratio: number;
  answer: string;
}

export function measureCli(indexPath: string, modalias: string): CliResult {
  const commands: [string, string[]][] = [
    ["node -e 0", ["-e", "0"]],
    ["node: import commander", ["--input-type=module", "-e", 'import "commander";']],
    ["node: import msgpackr", ["--input-type=module", "-e", 'import "msgpackr";']],
    ["modalias --version", [CLI, "--version"]],
    ["modalias match --index F KEY", [CLI, "match", "--index", indexPath, modalias]],
  ];
  const times = commands.map((): number[] => []);
  let answer = "";
  runNode(["-e", "0"]);
  for (let run = 0; run < CLI_RUNS; run++) {
    commands.forEach(([, args], i) => {
      const result = runNode(args);
      (times[i] as number[]).push(result.ms);
      if (i === commands.length - 1) answer = result.stdout.trim();
    });
  }
  const timings = commands.map(([label], i) => ({
    label,
    medianMs: median(times[i] as number[]),
    minMs: Math.min(...(times[i] as number[])),
  }));
  const base = (timings[0] as CommandTiming).medianMs;
  return {
    runs: CLI_RUNS,
    commands: timings,
    ratio: (timings[timings.length - 1] as CommandTiming).medianMs / base,
    answer,
  };
}

export interface BatchResult {
  keys: number;
  runs: number;
  cliMs: number;
  libkmodLoopMs: number | null;
  libkmodOpenAndLoopMs: number | null;
  libkmodVia: string;
  skipped: string | null;
}

export async function measureBatch(
  indexPath: string,
  keys: readonly string[],
  openKmod: () => Promise<KmodContender | string>,
): Promise<BatchResult> {
  const input = `${keys.join("\n")}\n`;
  const cli = Array.from({ length: BATCH_RUNS }, () => {
    const run = runNode([CLI, "match", "--index", indexPath, "--stdin"], input);
    const lines = run.stdout.split("\n").length - 1;
    if (lines !== keys.length) throw new Error(`--stdin answered ${lines} lines for ${keys.length} keys`);
    return run.ms;
  });
  const base = {
    keys: keys.length,
    runs: BATCH_RUNS,
    cliMs: median(cli),
    libkmodVia: "libkmod in-process loop (koffi)",
  };
  const loop: number[] = [];
  const openAndLoop: number[] = [];
  for (let run = 0; run < BATCH_RUNS; run++) {
    const opened = performance.now();
    const kmod = await openKmod();
    if (typeof kmod === "string") return { ...base, libkmodLoopMs: null, libkmodOpenAndLoopMs: null, skipped: kmod };
    const start = performance.now();
    for (const key of keys) kmod.lookup(key);
    const end = performance.now();
    kmod.close();
    loop.push(end - start);
    openAndLoop.push(end - opened);
  }
  return { ...base, libkmodLoopMs: median(loop), libkmodOpenAndLoopMs: median(openAndLoop), skipped: null };
}

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

/**
 * Sizes and time budgets of the benchmark run, chosen to keep a full run
 * around ten minutes on a 2-core machine. Slow contenders get fewer samples
 * on big files (at least `iterations`); every row reports its sample count.
 *
 * Running node child processes and timing them from spawn to exit.
 *
 * Per-lookup latency of one contender on one query set, with tinybench: each
 * sample is one lookup (the keys are taken in turn from the first, round and
 * round, in warm-up and again in the run, so a contender with few samples is
 * timed on a prefix of the set: the sets are in random order), timed
 * with process.hrtime and corrected for the timer's own cost. Throughput is
 * single-threaded lookups per second, 1 / mean latency.
 *
 * Latency rows: one contender over several query sets of one alias file.
 *
 * Compile time and index size per alias file: compileAliasText then
 * encodeIndex, repeated (after one warm-up run on small files) and the median
 * kept; the index is written next to the text for the other measurements.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import { compileAliasText } from "../src/index/build.js";
import { encodeIndex } from "../src/index/format.js";
import type { Contender } from "./contenders.js";
import type { AliasFile } from "./corpus.js";

/** Keys per query set. */
export const KEYS_PER_SET = 400;

/** Keys per query set for the --stdin batch, whose mixed set is then 28,000-odd keys. */
export const BATCH_KEYS_PER_SET = 4000;

/** Fast contenders (indexed, libkmod, libvirt-hoisted). */
export const FAST: Budget = { timeMs: 250, iterations: 16, warmupMs: 100, warmupIterations: 16 };

/** The linear scan and libvirt's re-reading scan, by alias file size. */
export function slowBudget(lines: number): Budget {
  if (lines <= 50_000) return { timeMs: 1500, iterations: 32, warmupMs: 50, warmupIterations: 4 };
  if (lines <= 150_000) return { timeMs: 1500, iterations: 16, warmupMs: 1, warmupIterations: 1 };
  return { timeMs: 1000, iterations: 8, warmupMs: 1, warmupIterations: 1 };
}

/** Spawns per command in the CLI start-up comparison. */
export const CLI_RUNS = 20;

/** Repeats of the --stdin batch and of the libkmod loop. */
export const BATCH_RUNS = 5;

/** The compiled path of the bench child script (child.ts), for `mode`. */
export function childScript(mode: "cold" | "peak-rss"): string[] {
  return [fileURLToPath(new URL("./child.js", import.meta.url)), mode];
}

export interface Run {
  ms: number;
  stdout: string;
  status: number | null;
}

/** Run node with `args` once, with `input` on stdin; wall time in ms. */
export function runNode(args: readonly string[], input?: string): Run {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { input, encoding: "latin1", maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`node ${args.join(" ")} exited with ${String(child.status)}: ${child.stderr.slice(0, 500)}`);
  }
  return { ms, stdout: child.stdout, status: child.status };
}

/** The JSON line a child printed. */
export function childJson<T>(args: readonly string[]): T {
  return JSON.parse(runNode(args).stdout) as T;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Budget {
  /** Time to spend sampling, ms. */
  timeMs: number;
  /** Minimum number of samples. */
  iterations: number;
  /** Warm-up time, ms. */
  warmupMs: number;
  /** Minimum warm-up lookups. */
  warmupIterations: number;
}

export interface Latency {
  medianUs: number;
  p99Us: number;
  meanUs: number;
  perSecond: number;
  samples: number;
}

export async function measureLatency(contender: Contender, keys: readonly string[], budget: Budget): Promise<Latency> {
  if (keys.length === 0) throw new Error(`no keys for ${contender.name}`);
  let next = 0;
  let sink: unknown = null;
  const bench = new Bench({
    time: budget.timeMs,
    iterations: budget.iterations,
    warmupTime: budget.warmupMs,
    warmupIterations: budget.warmupIterations,
    timestampProvider: "hrtimeNow",
    subtractTimerOverhead: true,
    throws: true,
  });
  bench.add(
    contender.name,
    () => {
      sink = contender.lookup(keys[next] as string);
      next = next + 1 === keys.length ? 0 : next + 1;
    },
    {
      beforeAll: () => {
        next = 0;
      },
    },
  );
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result === undefined || result.state !== "completed")
    throw new Error(`${contender.name}: benchmark did not complete`);
  if (sink === undefined) throw new Error("unreachable");
  const { latency } = result;
  return {
    medianUs: latency.p50 * 1000,
    p99Us: latency.p99 * 1000,
    meanUs: latency.mean * 1000,
    perSecond: latency.mean > 0 ? 1000 / latency.mean : 0,
    samples: latency.samplesCount,
  };
}

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

export interface BuildResult {
  file: string;
  lines: number;
  textBytes: number;
  indexBytes: number;
  indexPath: string;
  /** Median of `runs` in-process parse+compile+encode times, ms. */
  compileMs: number;
  runs: number;
}

/** Runs for a file of `lines` lines: fewer for big files. */
const runsFor = (lines: number): number => (lines <= 50_000 ? 5 : lines <= 150_000 ? 3 : 1);

export function buildIndex(file: AliasFile): { result: BuildResult; bytes: Buffer } {
  const runs = runsFor(file.lines);
  if (runs > 1) encodeIndex({ aliases: compileAliasText(file.text).index, builtin: null });
  const times: number[] = [];
  let bytes: Buffer = Buffer.alloc(0);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    bytes = encodeIndex({ aliases: compileAliasText(file.text).index, builtin: null });
    times.push(performance.now() - start);
  }
  const indexPath = `${file.path}.index`;
  writeFileSync(indexPath, bytes);
  return {
    result: {
      file: file.name,
      lines: file.lines,
      textBytes: file.text.length,
      indexBytes: bytes.length,
      indexPath,
      compileMs: median(times),
      runs,
    },
    bytes,
  };
}

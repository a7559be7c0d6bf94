/**
 * Sizes and time budgets of the benchmark run, chosen to keep a full run
 * around ten minutes on a 2-core machine. Slow contenders get fewer samples
 * on big files (at least `iterations`); every row reports its sample count.
 */
import type { Budget } from "./measure/latency.js";

/** Keys per query set. */
export const KEYS_PER_SET = 400;

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

/**
 * Per-lookup latency of one contender on one query set, with tinybench: each
 * sample is one lookup (the keys are taken in turn from the first, round and
 * round, in warm-up and again in the run, so a contender with few samples is
 * timed on a prefix of the set: the sets are in random order), timed
 * with process.hrtime and corrected for the timer's own cost. Throughput is
 * single-threaded lookups per second, 1 / mean latency.
 */
import { Bench } from "tinybench";
import type { Contender } from "../contenders/contender.js";

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

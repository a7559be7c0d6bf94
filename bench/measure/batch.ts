/**
 * A batch of queries: `modalias match --index FILE --stdin` fed every key
 * (wall time from spawn to exit, start-up included) against the same keys
 * through libkmod in a loop in this process (kmod's modprobe is not used:
 * one modprobe process per key would only add start-up), with and without
 * opening libkmod's context (kmod_new + kmod_load_resources) in the timing.
 */
import { BATCH_RUNS } from "../config.js";
import type { KmodContender } from "../contenders/libkmod.js";
import { CLI } from "./cli.js";
import { median, runNode } from "./spawn.js";

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

/**
 * The command line as users meet it (the shipped bundle, dist/cli/modalias.cjs):
 *
 * Start-up: `modalias match --index FILE KEY`, `modalias vfio` and
 * `modalias bind --dry-run` on a fake sysfs (one device, no driver), against
 * a bare `node -e 0`, each spawned CLI_RUNS times (interleaved) and compared
 * by median wall time; `modalias --version` (every command defined) to show
 * the cost of the whole command tree.
 *
 * A batch of queries: `modalias match --index FILE --stdin` fed every key
 * (wall time from spawn to exit, start-up included) against the same keys
 * through libkmod in a loop in this process, with and without opening
 * libkmod's context (kmod_new + kmod_load_resources) in the timing, and
 * through `modprobe -aR` (kmod's own command, keys passed in runs of 1,000).
 *
 * Memory: the peak RSS (`/usr/bin/time -f %M`) of `modalias compile` on the
 * 1M-line file under `--max-old-space-size=512`, and of `match --stdin`
 * answering keys from the real index, against a bare `node -e 0`.
 *
 * The index file: compiled twice it is the same bytes; a flipped body byte
 * and an older format version are refused (exit 2, the reason on stderr).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FakeSysfs } from "../test/helpers/fake-sysfs.js";
import { KERNEL_VERSION, type KmodContender, type KmodTree } from "./kmod.js";
import { BATCH_RUNS, CLI_RUNS, median, runNode } from "./measure.js";

export const CLI = fileURLToPath(new URL("../../dist/cli/modalias.cjs", import.meta.url));

export interface CommandTiming {
  label: string;
  medianMs: number;
  minMs: number;
  /** Median over the median of `node -e 0`. */
  ratio: number;
}

export interface CliResult {
  runs: number;
  commands: CommandTiming[];
  answer: string;
}

/** The fake device the vfio and bind runs look at. */
const DEVICE = "0000:3b:00.1";

export async function measureCli(indexPath: string, modalias: string): Promise<CliResult> {
  const fake = await FakeSysfs.create();
  try {
    await fake.addDevice({ address: DEVICE, vendor: "15b3", device: "101e", subDevice: "0016", classCode: "020000" });
    const where = ["--index", indexPath, "--sysfs-root", fake.sys, "--proc-root", fake.proc, DEVICE];
    const commands: [string, string[]][] = [
      ["node -e 0", ["-e", "0"]],
      ["modalias --version", [CLI, "--version"]],
      ["modalias match --index F KEY", [CLI, "match", "--index", indexPath, modalias]],
      ["modalias vfio --index F ADDR", [CLI, "vfio", ...where]],
      ["modalias bind --dry-run --index F ADDR", [CLI, "bind", "--dry-run", ...where]],
    ];
    const times = commands.map((): number[] => []);
    let answer = "";
    runNode(["-e", "0"]);
    for (let run = 0; run < CLI_RUNS; run++) {
      commands.forEach(([label, args], i) => {
        const result = runNode(args);
        (times[i] as number[]).push(result.ms);
        if (label.includes("match")) answer = result.stdout.trim();
      });
    }
    const base = median(times[0] as number[]);
    const timings = commands.map(([label], i) => ({
      label,
      medianMs: median(times[i] as number[]),
      minMs: Math.min(...(times[i] as number[])),
      ratio: median(times[i] as number[]) / base,
    }));
    return { runs: CLI_RUNS, commands: timings, answer };
  } finally {
    await fake.cleanup();
  }
}

export interface BatchResult {
  keys: number;
  runs: number;
  cliMs: number;
  libkmodLoopMs: number | null;
  libkmodOpenAndLoopMs: number | null;
  libkmodVia: string;
  modprobeMs: number | null;
  skipped: string | null;
}

export async function measureBatch(
  indexPath: string,
  keys: readonly string[],
  tree: KmodTree,
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
    modprobeMs: modprobeBatch(keys, tree),
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

/** `modprobe -aR` over the keys in runs of 1,000 (the argument list's limit), median total ms; null without modprobe. */
function modprobeBatch(keys: readonly string[], tree: KmodTree): number | null {
  const basedir = tree.moduleDir.slice(0, -`/lib/modules/${KERNEL_VERSION}`.length);
  const totals: number[] = [];
  for (let run = 0; run < BATCH_RUNS; run++) {
    let total = 0;
    for (let at = 0; at < keys.length; at += 1000) {
      const args = ["-d", basedir, "-S", KERNEL_VERSION, "-C", tree.configDir, "-aR", ...keys.slice(at, at + 1000)];
      const start = performance.now();
      const child = spawnSync("modprobe", args, { encoding: "latin1", maxBuffer: 1 << 26 });
      total += performance.now() - start;
      if (child.error) return null;
    }
    totals.push(total);
  }
  return median(totals);
}

export interface CommandMemory {
  /** Peak RSS of a bare `node -e 0`, MiB. */
  nodeMb: number;
  /** Peak RSS of `match --index real --stdin` over the keys, MiB. */
  matchMb: number;
  /** Peak RSS of `compile` on the 1M-line file with --max-old-space-size=512, MiB. */
  compileMb: number;
  /** Whether that compile succeeded. */
  compileOk: boolean;
  compileError: string | null;
}

export function measureCommandMemory(
  realIndex: string,
  keys: readonly string[],
  bigAlias: string,
  scratch: string,
): CommandMemory {
  const nodeMb = peakMb(["-e", "0"]).mb;
  const matchMb = peakMb([CLI, "match", "--index", realIndex, "--stdin"], `${keys.join("\n")}\n`).mb;
  const out = join(scratch, "big.index");
  const compile = peakMb(["--max-old-space-size=512", CLI, "compile", bigAlias, "-o", out, "--no-mtime"]);
  return {
    nodeMb,
    matchMb,
    compileMb: compile.mb,
    compileOk: compile.status === 0,
    compileError: compile.status === 0 ? null : compile.stderr.split("\n").slice(-6).join(" ").slice(0, 300),
  };
}

/** Peak RSS of `node ARGS` through /usr/bin/time, MiB. */
function peakMb(args: string[], input?: string): { mb: number; status: number | null; stderr: string } {
  const child = spawnSync("/usr/bin/time", ["-f", "maxrss %M", process.execPath, ...args], {
    input,
    encoding: "latin1",
    maxBuffer: 1 << 28,
  });
  const match = /maxrss (\d+)\s*$/.exec(child.stderr);
  if (child.error || match === null) throw new Error(`/usr/bin/time node ${args.join(" ")}: ${child.stderr}`);
  return { mb: Number(match[1]) / 1024, status: child.status, stderr: child.stderr };
}

export interface IndexFileChecks {
  reproducible: boolean;
  damagedRefused: string | null;
  olderRefused: string | null;
}

export function checkIndexFile(aliasFile: string, key: string, scratch: string): IndexFileChecks {
  const compiled = [1, 2].map((n) => {
    const out = join(scratch, `repro-${n}.index`);
    runNode([CLI, "compile", aliasFile, "-o", out, "--no-mtime"]);
    return readFileSync(out);
  });
  const [first, second] = compiled as [Buffer, Buffer];
  const refusal = (bytes: Buffer, name: string): string | null => {
    const path = join(scratch, name);
    writeFileSync(path, bytes);
    const child = spawnSync(process.execPath, [CLI, "match", "--index", path, key], { encoding: "latin1" });
    return child.status === 2 ? child.stderr.trim() : null;
  };
  const damaged = Buffer.from(first);
  damaged[damaged.length - 100] = (damaged[damaged.length - 100] as number) ^ 0x10;
  const older = Buffer.from(first);
  older.writeUInt32BE(older.readUInt32BE(8) - 1, 8);
  return {
    reproducible: first.equals(second),
    damagedRefused: refusal(damaged, "damaged.index"),
    olderRefused: refusal(older, "older.index"),
  };
}

/**
 * `npm run bench`: the whole benchmark in one process (children only where a
 * fresh process is the point). Prints the report as markdown and writes
 * bench/results/<date>.json, bench/results/latest.json and
 * bench/results/lookup-vs-size.svg.
 *
 * The latency phase: every contender on every query set of every alias file,
 * one file at a time (its contenders dropped before the next; libkmod timed set
 * by set right after the indexed lookups), plus the answer checks between
 * contenders on the real file. The flatness phase: the real and the 1M-line
 * index timed one after the other on each key class.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sizeChart } from "./chart.js";
import { checkIndexFile, measureBatch, measureCli, measureCommandMemory } from "./command-line.js";
import { type Contender, Indexed, LibvirtHoisted, LibvirtRereading, Linear } from "./contenders.js";
import { type AliasFile, buildQuerySets, type QuerySets, SET_NAMES, writeAliasFiles } from "./corpus.js";
import { DEVICES, measureDevices } from "./devices.js";
import { buildKmodTree, checkWriter, kmodSide, openLibkmod, openSide } from "./kmod.js";
import {
  BATCH_KEYS_PER_SET,
  type BuildResult,
  buildIndex,
  FAST,
  KEYS_PER_SET,
  type LatencyRow,
  measureLatency,
  runSets,
  slowBudget,
} from "./measure.js";
import { measureCold, measureMemory } from "./processes.js";
import { type Check, describeMachine, fullReport, RESULTS_DIR, type Results, writeResults } from "./report.js";
import { checkTargets } from "./targets.js";

const began = performance.now();
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const scratch = mkdtempSync(join(tmpdir(), "modalias-bench-"));
try {
  log("writing alias files");
  const files = writeAliasFiles(scratch);
  const builds = new Map<string, BuildResult>();
  const indexes = new Map<string, Buffer>();
  for (const file of files) {
    log(`compiling ${file.name}`);
    const { result, bytes } = buildIndex(file);
    builds.set(file.name, result);
    indexes.set(file.name, bytes);
  }
  const real = new Indexed(indexes.get("real") as Buffer);
  const sets = buildQuerySets(files[0]?.text as Buffer, KEYS_PER_SET, (key) => real.lookup(key) === null);
  const phase = await latencyPhase(files, indexes, sets, scratch);
  log("flatness: real and 1M side by side");
  const flatness = await flatnessPhase(indexes, sets);

  // The first vfio_pci key is a device of the first variant driver (mlx5_vfio_pci).
  const variantKey = sets.vfio_pci[0] as string;
  const cold = files
    .filter((f) => f.name !== "debian")
    .map((f) => {
      log(`cold load vs compile: ${f.name}`);
      return measureCold(builds.get(f.name) as BuildResult, f.path, variantKey);
    });
  log("memory");
  const wellFormed = [...sets.vfio_pci, ...sets.pci, ...sets.acpi, ...sets.of, ...sets.dmi];
  const memory = ["real", "1M"].map((name) => {
    const build = builds.get(name) as BuildResult;
    return measureMemory(name, build.indexPath, build.indexBytes, wellFormed, join(scratch, "keys.txt"));
  });
  const realIndex = (builds.get("real") as BuildResult).indexPath;
  log("command line: start-up");
  const cli = await measureCli(realIndex, variantKey);
  log("command line: --stdin batch");
  const tree = buildKmodTree(join(scratch, "kmod"), "debian", null);
  const batchKeys = buildQuerySets(files[0]?.text as Buffer, BATCH_KEYS_PER_SET, (key) => real.lookup(key) === null);
  const batch = await measureBatch((builds.get("debian") as BuildResult).indexPath, batchKeys.mixed, tree, () =>
    openLibkmod(tree.moduleDir, tree.configDir),
  );
  log("command line: memory, index file checks");
  const big = files.find((f) => f.name === "1M") as AliasFile;
  const commandMemory = measureCommandMemory(realIndex, wellFormed, big.path, scratch);
  const indexChecks = checkIndexFile((files[0] as AliasFile).path, variantKey, scratch);
  log(`devices: ${DEVICES} generated devices`);
  const devices = await measureDevices(scratch);

  const measured: Omit<Results, "targets"> = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    keysPerSet: Object.fromEntries(SET_NAMES.map((name) => [name, sets[name].length])),
    files: [...builds.values()].map(({ indexPath: _path, ...b }) => {
      const bin = phase.kmodBins.get(b.file);
      return { ...b, kmodBinBytes: bin?.bytes ?? null, kmodBinFrom: bin?.from ?? null };
    }),
    latency: phase.rows,
    cold,
    flatness,
    memory,
    cli,
    batch,
    commandMemory,
    indexChecks,
    devices,
    checks: phase.checks,
    notes: [...phase.notes, ...(batch.skipped ? [`--stdin batch vs libkmod: ${batch.skipped}`] : [])],
    durationS: (performance.now() - began) / 1000,
  };
  const results: Results = { ...measured, targets: checkTargets(measured) };
  const name = writeResults(results);
  writeFileSync(`${RESULTS_DIR}lookup-vs-size.svg`, sizeChart(results));
  process.stdout.write(fullReport(results));
  log(`wrote bench/results/${name}, latest.json, lookup-vs-size.svg in ${Math.round(results.durationS)} s`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Each key class on the real index and the 1M-line one, timed one right after the other. */
async function flatnessPhase(indexes: Map<string, Buffer>, sets: QuerySets): Promise<Results["flatness"]> {
  const real = new Indexed(indexes.get("real") as Buffer);
  const big = new Indexed(indexes.get("1M") as Buffer);
  const out: NonNullable<Results["flatness"]> = [];
  for (const set of SET_NAMES) {
    if (set === "malformed") continue;
    const realUs = (await measureLatency(real, sets[set], FAST)).medianUs;
    const bigUs = (await measureLatency(big, sets[set], FAST)).medianUs;
    process.stderr.write(`  flatness ${set}: real ${realUs.toFixed(2)} us, 1M ${bigUs.toFixed(2)} us\n`);
    out.push({ set, realUs, bigUs });
  }
  return out;
}

export interface LatencyPhase {
  rows: LatencyRow[];
  checks: Check[];
  notes: string[];
  kmodBins: Map<string, { bytes: number; from: "depmod" | "bench writer" }>;
}

function agreement(what: string, a: Contender, b: Contender, keys: readonly string[]): Check {
  const agree = keys.filter((key) => a.lookup(key) === b.lookup(key)).length;
  return { what, keys: keys.length, agree };
}

export async function latencyPhase(
  files: readonly AliasFile[],
  indexes: Map<string, Buffer>,
  sets: QuerySets,
  scratch: string,
): Promise<LatencyPhase> {
  const out: LatencyPhase = { rows: [], checks: [], notes: [], kmodBins: new Map() };
  const all = SET_NAMES.map((name) => [name, sets[name]] as const);
  const vfio = [["vfio_pci", sets.vfio_pci] as const];
  for (const file of files) {
    process.stderr.write(`latency: ${file.name} (${file.lines} lines)\n`);
    const indexed = new Indexed(indexes.get(file.name) as Buffer);
    // libkmod is timed set by set right after the indexed lookups of the same set, so that both
    // sides of a ratio run in the same state of the process (heap, caches, the runs before).
    const side = kmodSide(scratch, file);
    const kmod = side === null ? null : await openSide(side);
    if (side !== null) out.kmodBins.set(file.name, { bytes: side.tree.aliasBinSize, from: side.from });
    if (typeof kmod === "string") out.notes.push(`libkmod skipped on ${file.name}: ${kmod}`);
    for (const set of all) {
      out.rows.push(...(await runSets(indexed, file, [set], FAST)));
      if (kmod !== null && typeof kmod !== "string") out.rows.push(...(await runSets(kmod, file, [set], FAST)));
    }
    if (kmod !== null && typeof kmod !== "string") kmod.close();
    if (file.name !== "debian") {
      const hoisted = new LibvirtHoisted(file.text);
      out.rows.push(...(await runSets(hoisted, file, vfio, FAST)));
      out.rows.push(...(await runSets(new LibvirtRereading(file.path), file, vfio, slowBudget(file.lines))));
      if (file.name === "real")
        out.checks.push(
          agreement(
            "libvirt-style choice = indexed best on vfio_pci keys (real file)",
            hoisted,
            indexed,
            sets.vfio_pci,
          ),
        );
      const linear = new Linear(file.text);
      if (file.name === "real") {
        const sample = sets.mixed.filter((_, i) => i % 10 === 0);
        out.checks.push(
          agreement("linear scan best = indexed best on every 10th mixed key (real file)", linear, indexed, sample),
        );
      }
      out.rows.push(...(await runSets(linear, file, all, slowBudget(file.lines))));
    }
    if (side !== null && file.name === "debian") {
      const check = await checkWriter(scratch, file, sets.mixed);
      if (typeof check === "string") out.notes.push(`modules.alias.bin writer not checked: ${check}`);
      else out.checks.push(check);
    }
  }
  return out;
}

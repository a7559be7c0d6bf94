/**
 * `npm run bench`: the whole benchmark in one process (children only where a
 * fresh process is the point). Prints the report as markdown and writes
 * bench/results/<date>.json, bench/results/latest.json and
 * bench/results/lookup-vs-size.svg.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEYS_PER_SET } from "./config.js";
import { Indexed } from "./contenders/indexed.js";
import { openLibkmod } from "./contenders/libkmod.js";
import { writeAliasFiles } from "./corpus/files.js";
import { buildKmodTree } from "./corpus/kmod-tree.js";
import { buildQuerySets, SET_NAMES } from "./corpus/queries.js";
import { describeMachine } from "./machine.js";
import { measureBatch } from "./measure/batch.js";
import { type BuildResult, buildIndex } from "./measure/build.js";
import { measureCli } from "./measure/cli.js";
import { measureCold } from "./measure/cold.js";
import { measureMemory } from "./measure/memory.js";
import { latencyPhase } from "./phases/latency.js";
import { sizeChart } from "./report/chart.js";
import { RESULTS_DIR, type Results, writeResults } from "./report/results.js";
import { fullReport } from "./report/tables.js";
import { checkTargets } from "./report/targets.js";

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
  log("cli");
  const cli = measureCli((builds.get("real") as BuildResult).indexPath, variantKey);
  log("batch");
  const tree = buildKmodTree(join(scratch, "kmod"), "debian", null);
  const batch = await measureBatch((builds.get("debian") as BuildResult).indexPath, sets.mixed, () =>
    openLibkmod(tree.moduleDir, tree.configDir),
  );

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
    memory,
    cli,
    batch,
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

/**
 * The latency phase: every contender on every query set of every alias file,
 * one file at a time (its contenders dropped before the next), plus the
 * answer checks between contenders on the real file.
 */
import { FAST, slowBudget } from "../config.js";
import type { Contender } from "../contenders/contender.js";
import { Indexed } from "../contenders/indexed.js";
import { LibvirtHoisted, LibvirtRereading } from "../contenders/libvirt.js";
import { Linear } from "../contenders/linear.js";
import type { AliasFile } from "../corpus/files.js";
import { type QuerySets, SET_NAMES } from "../corpus/queries.js";
import { type LatencyRow, runSets } from "../measure/suite.js";
import type { Check } from "../report/results.js";
import { checkWriter, kmodSide, openSide } from "./kmod.js";

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
    out.rows.push(...(await runSets(indexed, file, all, FAST)));
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
    const side = kmodSide(scratch, file);
    if (side !== null) {
      out.kmodBins.set(file.name, { bytes: side.tree.aliasBinSize, from: side.from });
      const kmod = await openSide(side);
      if (typeof kmod === "string") out.notes.push(`libkmod skipped on ${file.name}: ${kmod}`);
      else {
        out.rows.push(...(await runSets(kmod, file, all, FAST)));
        kmod.close();
      }
      if (file.name === "debian") {
        const check = await checkWriter(scratch, file, sets.mixed);
        if (typeof check === "string") out.notes.push(`modules.alias.bin writer not checked: ${check}`);
        else out.checks.push(check);
      }
    }
  }
  return out;
}

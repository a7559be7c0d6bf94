/**
 * The run as markdown: machine, lookup latency, files and index sizes, load
 * versus compile, memory, CLI start-up, --stdin batch, checks and targets.
 */

import { bytes, sig, table, times } from "./format.js";
import { versusIndexed } from "./lookup.js";
import type { Results } from "./results.js";

const FILE_ORDER = ["real", "debian", "100k", "300k", "1M"];
const CONTENDER_ORDER = ["indexed", "libkmod", "libvirt-hoisted", "libvirt", "linear"];

export function machineLine(r: Results): string {
  const m = r.machine;
  return `${m.nproc} cores (nproc), ${m.cpu}, ${m.memoryGb} GiB, node ${m.node}, ${m.platform}, ${m.libkmod}; ${r.date}`;
}

export function latencyTable(r: Results, files: readonly string[] = FILE_ORDER, sets?: readonly string[]): string {
  const rows = r.latency
    .filter((l) => files.includes(l.file) && (sets === undefined || sets.includes(l.set)))
    .sort(
      (a, b) =>
        FILE_ORDER.indexOf(a.file) - FILE_ORDER.indexOf(b.file) ||
        Object.keys(r.keysPerSet).indexOf(a.set) - Object.keys(r.keysPerSet).indexOf(b.set) ||
        CONTENDER_ORDER.indexOf(a.contender) - CONTENDER_ORDER.indexOf(b.contender),
    )
    .map((l) => {
      const ratio = versusIndexed(r.latency, l);
      return [
        l.file,
        l.set,
        l.contender,
        sig(l.medianUs),
        sig(l.p99Us),
        sig(l.perSecond),
        String(l.samples),
        ratio ? times(ratio.median) : "",
        ratio ? times(ratio.throughput) : "",
      ];
    });
  return table(
    [
      "file",
      "set",
      "contender",
      "median us",
      "p99 us",
      "lookups/s",
      "samples",
      "indexed faster (median)",
      "indexed faster (mean)",
    ],
    rows,
  );
}

export function filesTable(r: Results): string {
  return table(
    ["file", "alias lines", "text", "index", "modules.alias.bin", "index / .bin", "compile ms (runs)"],
    r.files.map((f) => [
      f.file,
      f.lines.toLocaleString("en-US"),
      bytes(f.textBytes),
      bytes(f.indexBytes),
      f.kmodBinBytes === null ? "" : `${bytes(f.kmodBinBytes)} (${f.kmodBinFrom})`,
      f.kmodBinBytes === null ? "" : times(f.indexBytes / f.kmodBinBytes),
      `${sig(f.compileMs)} (${f.runs})`,
    ]),
  );
}

export function coldTable(r: Results): string {
  return table(
    [
      "file",
      "fresh process: load ms",
      "parse+compile ms",
      "ratio",
      "in-process: load ms",
      "parse+compile ms",
      "ratio",
      "node start-up + imports ms",
    ],
    r.cold.map((c) => [
      c.file,
      `${sig(c.childLoadMs)} (${c.childLoadRuns})`,
      `${sig(c.childCompileMs)} (${c.childCompileRuns})`,
      times(c.childCompileMs / c.childLoadMs),
      `${sig(c.inProcessLoadMs)} (${c.inProcessLoadRuns})`,
      sig(c.inProcessCompileMs),
      times(c.inProcessCompileMs / c.inProcessLoadMs),
      sig(c.childStartupMs),
    ]),
  );
}

export function memoryTable(r: Results): string {
  return table(
    ["index of", "index file", "node RSS before load", "peak RSS", "JS heap used", "array buffers"],
    r.memory.map((m) => [
      m.file,
      bytes(m.indexBytes),
      `${sig(m.baselineMb)} MiB`,
      `${sig(m.peakMb)} MiB`,
      `${sig(m.heapUsedMb)} MiB`,
      `${sig(m.arrayBuffersMb)} MiB`,
    ]),
  );
}

export function cliTable(r: Results): string {
  const base = r.cli.commands[0]?.medianMs ?? 1;
  return table(
    ["command", `median ms (${r.cli.runs} runs)`, "min ms", "/ node -e 0"],
    r.cli.commands.map((c) => [`\`${c.label}\``, sig(c.medianMs), sig(c.minMs), times(c.medianMs / base)]),
  );
}

export function batchTable(r: Results): string {
  const b = r.batch;
  const rows = [[`\`modalias match --index F --stdin\` (spawn to exit)`, sig(b.cliMs), sig((b.cliMs * 1000) / b.keys)]];
  if (b.libkmodLoopMs !== null) rows.push([b.libkmodVia, sig(b.libkmodLoopMs), sig((b.libkmodLoopMs * 1000) / b.keys)]);
  if (b.libkmodOpenAndLoopMs !== null)
    rows.push([
      `${b.libkmodVia}, with kmod_new + kmod_load_resources`,
      sig(b.libkmodOpenAndLoopMs),
      sig((b.libkmodOpenAndLoopMs * 1000) / b.keys),
    ]);
  return table([`${b.keys} mixed keys, Debian file (median of ${b.runs})`, "ms", "us per key"], rows);
}

export function checksTable(r: Results): string {
  return table(
    ["check", "keys", "agree"],
    r.checks.map((c) => [c.what, String(c.keys), String(c.agree)]),
  );
}

export function targetsTable(r: Results): string {
  return table(
    ["target", "goal", "measured", "met"],
    r.targets.map((t) => [t.name, t.goal, t.measured, t.met === null ? "n/a" : t.met ? "yes" : "no"]),
  );
}

export function fullReport(r: Results): string {
  return [
    `# modalias benchmarks\n\n${machineLine(r)}\n`,
    `## Lookup latency\n\n${latencyTable(r)}\n`,
    `## Files, index size, compile time\n\n${filesTable(r)}\n`,
    `## Load vs parse+compile (to the first answer)\n\n${coldTable(r)}\n`,
    `## Memory\n\n${memoryTable(r)}\n`,
    `## CLI start-up\n\n${cliTable(r)}\n`,
    `## --stdin batch vs libkmod\n\n${batchTable(r)}\n`,
    `## Answer checks\n\n${checksTable(r)}\n`,
    `## Targets\n\n${targetsTable(r)}\n`,
    r.notes.length > 0 ? `## Notes\n\n${r.notes.map((n) => `- ${n}`).join("\n")}\n` : "",
  ].join("\n");
}

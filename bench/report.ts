/**
 * The machine a run was made on: cores, CPU model, memory, node and the
 * libkmod in use.
 *
 * Everything one run measured, as written to bench/results/<date>.json and
 * bench/results/latest.json.
 *
 * Number formatting for the tables.
 *
 * Finding latency rows, and the ratio of a contender to the indexed lookup
 * on the same alias file and query set (libkmod's Debian rows are set against
 * indexed on the Debian file).
 *
 * The run as markdown: machine, lookup latency, files and index sizes, load
 * versus compile, memory, CLI start-up, --stdin batch, checks and targets.
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import type { BatchResult, CliResult, CommandMemory, IndexFileChecks } from "./command-line.js";
import type { DevicesResult } from "./devices.js";
import type { BuildResult, LatencyRow } from "./measure.js";
import type { ColdResult, MemoryResult } from "./processes.js";

export interface Machine {
  nproc: number;
  cpu: string;
  memoryGb: number;
  node: string;
  platform: string;
  libkmod: string;
}

export function describeMachine(): Machine {
  let cpu = "unknown";
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpu;
  } catch {
    // not Linux: leave unknown
  }
  return {
    nproc: availableParallelism(),
    cpu,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    libkmod: libkmodFile(),
  };
}

function libkmodFile(): string {
  for (const dir of [
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/lib64",
    "/lib",
  ]) {
    try {
      return realpathSync(`${dir}/libkmod.so.2`).split("/").pop() ?? "libkmod.so.2";
    } catch {
      // try the next directory
    }
  }
  return "not found";
}

export interface FileInfo extends Omit<BuildResult, "indexPath"> {
  /** Size of the modules.alias.bin libkmod used for this file, if any. */
  kmodBinBytes: number | null;
  /** Who wrote that modules.alias.bin. */
  kmodBinFrom: "depmod" | "bench writer" | null;
}

export interface Check {
  what: string;
  keys: number;
  agree: number;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  value: number | null;
  met: boolean | null;
}

export interface Results {
  date: string;
  machine: Machine;
  keysPerSet: Record<string, number>;
  files: FileInfo[];
  latency: LatencyRow[];
  cold: ColdResult[];
  memory: MemoryResult[];
  cli: CliResult;
  batch: BatchResult;
  commandMemory: CommandMemory;
  indexChecks: IndexFileChecks;
  /**
   * Per key class, the indexed median on the real file and on the 1M-line file timed one right
   * after the other (the latency rows of those files are taken phases apart); absent in older runs.
   */
  flatness?: { set: string; realUs: number; bigUs: number }[];
  /** `modalias devices` on a generated sysfs; absent in runs from before it was measured. */
  devices?: DevicesResult;
  checks: Check[];
  targets: Target[];
  notes: string[];
  durationS: number;
}

export const RESULTS_DIR = fileURLToPath(new URL("../../bench/results/", import.meta.url));

/** Write <date>.json and latest.json; returns the dated file's name. */
export function writeResults(results: Results): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const name = `${results.date.slice(0, 10)}.json`;
  const text = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(`${RESULTS_DIR}${name}`, text);
  writeFileSync(`${RESULTS_DIR}latest.json`, text);
  return name;
}

/** Three significant digits, thousands separated (1.23, 12.3, 123, 1,234). */
export function sig(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)));
  return value.toFixed(Math.min(digits, 3));
}

/** A ratio as `12.3x`. */
export const times = (value: number): string => `${sig(value)}x`;

/** Bytes in KiB or MiB. */
export function bytes(value: number): string {
  if (value >= 2 ** 20) return `${sig(value / 2 ** 20)} MiB`;
  return `${sig(value / 1024)} KiB`;
}

/** A markdown table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

export function row(rows: readonly LatencyRow[], contender: string, file: string, set: string): LatencyRow | undefined {
  return rows.find((r) => r.contender === contender && r.file === file && r.set === set);
}

export interface Ratio {
  /** other median / indexed median: how many times faster indexed is per typical lookup. */
  median: number;
  /** indexed throughput / other throughput: the same on mean latency. */
  throughput: number;
}

export function versusIndexed(rows: readonly LatencyRow[], other: LatencyRow): Ratio | null {
  const base = row(rows, "indexed", other.file, other.set);
  if (base === undefined || other.contender === "indexed") return null;
  return { median: other.medianUs / base.medianUs, throughput: base.perSecond / other.perSecond };
}

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
  return table(
    ["command", `median ms (${r.cli.runs} runs)`, "min ms", "/ node -e 0"],
    r.cli.commands.map((c) => [`\`${c.label}\``, sig(c.medianMs), sig(c.minMs), times(c.ratio)]),
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
  if (b.modprobeMs !== null)
    rows.push(["`modprobe -aR` (runs of 1,000 keys)", sig(b.modprobeMs), sig((b.modprobeMs * 1000) / b.keys)]);
  return table([`${b.keys} mixed keys, Debian file (median of ${b.runs})`, "ms", "us per key"], rows);
}

export function commandMemoryTable(r: Results): string {
  const m = r.commandMemory;
  return table(
    ["process", "peak RSS"],
    [
      ["`node -e 0`", `${sig(m.nodeMb)} MiB`],
      ["`modalias match --index real --stdin` (well-formed keys)", `${sig(m.matchMb)} MiB`],
      [
        "`node --max-old-space-size=512 modalias compile` (1M lines)",
        `${sig(m.compileMb)} MiB${m.compileOk ? "" : ` (failed: ${m.compileError ?? "?"})`}`,
      ],
    ],
  );
}

/** `modalias devices` on the generated sysfs (devices.ts). */
export function devicesTable(d: DevicesResult): string {
  const base = d.commands[0]?.medianMs ?? 0;
  return table(
    [`${d.devices} devices on 5 buses (median of ${d.runs})`, "ms", "min ms", "over node -e 0, ms"],
    [
      ...d.commands.map((c) => [`\`${c.label}\``, sig(c.medianMs), sig(c.minMs), sig(c.medianMs - base)]),
      [d.inProcess.label, sig(d.inProcess.medianMs), sig(d.inProcess.minMs), `${sig(d.usPerDevice)} us a device`],
    ],
  ).concat(`\n${d.answered} devices have a module; \`--modules\` lists ${d.modules}.\n`);
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
    `## Command-line memory\n\n${commandMemoryTable(r)}\n`,
    r.devices === undefined ? "" : `## modalias devices\n\n${devicesTable(r.devices)}\n`,
    `## Answer checks\n\n${checksTable(r)}\n`,
    `## Targets\n\n${targetsTable(r)}\n`,
    r.notes.length > 0 ? `## Notes\n\n${r.notes.map((n) => `- ${n}`).join("\n")}\n` : "",
  ].join("\n");
}

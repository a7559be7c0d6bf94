/**
 * The targets the library is held to, checked against one run's results.
 */
import { type Results, row, sig, type Target, times, versusIndexed } from "./report.js";

type Measured = Omit<Results, "targets">;

function atLeast(name: string, goal: number, value: number | null, detail: string): Target {
  return {
    name,
    goal: `>= ${goal}x`,
    measured: value === null ? `not measured (${detail})` : `${times(value)} (${detail})`,
    value,
    met: value === null ? null : value >= goal,
  };
}

function atMost(name: string, goal: number, value: number | null, detail: string): Target {
  return {
    name,
    goal: `<= ${goal}x`,
    measured: value === null ? `not measured (${detail})` : `${times(value)} (${detail})`,
    value,
    met: value === null ? null : value <= goal,
  };
}

function fasterThan(r: Measured, name: string, goal: number, contender: string, file: string, set: string): Target {
  const other = row(r.latency, contender, file, set);
  const base = row(r.latency, "indexed", file, set);
  const ratio = other && versusIndexed(r.latency, other);
  const detail =
    other && base && ratio
      ? `median ${sig(other.medianUs)} vs ${sig(base.medianUs)} us; on mean latency ${times(ratio.throughput)}`
      : `${contender} on ${file}/${set} missing`;
  return atLeast(name, goal, ratio ? ratio.median : null, detail);
}

function scaling(r: Measured, set: string): Target {
  const big = row(r.latency, "indexed", "1M", set);
  const real = row(r.latency, "indexed", "real", set);
  const value = big && real ? big.medianUs / real.medianUs : null;
  return atMost(
    `indexed ${set} median, 1M lines / real file`,
    1.5,
    value,
    big && real ? `${sig(big.medianUs)} vs ${sig(real.medianUs)} us` : "missing",
  );
}

export function checkTargets(r: Measured): Target[] {
  const cold = r.cold.find((c) => c.file === "real");
  const debian = r.files.find((f) => f.file === "debian");
  const batch = r.batch;
  return [
    fasterThan(r, "indexed vs linear scan, real file, mixed set", 1000, "linear", "real", "mixed"),
    fasterThan(r, "indexed vs libkmod, Debian file, mixed set", 20, "libkmod", "debian", "mixed"),
    fasterThan(r, "indexed vs libkmod, Debian file, of set", 20, "libkmod", "debian", "of"),
    fasterThan(r, "indexed vs libkmod, Debian file, acpi set", 20, "libkmod", "debian", "acpi"),
    scaling(r, "vfio_pci"),
    scaling(r, "pci"),
    atLeast(
      "load vs parse+compile, real file, fresh process",
      5,
      cold ? cold.childCompileMs / cold.childLoadMs : null,
      cold ? `${sig(cold.childLoadMs)} vs ${sig(cold.childCompileMs)} ms` : "missing",
    ),
    atLeast(
      "load vs parse+compile, real file, in-process",
      5,
      cold ? cold.inProcessCompileMs / cold.inProcessLoadMs : null,
      cold ? `${sig(cold.inProcessLoadMs)} vs ${sig(cold.inProcessCompileMs)} ms` : "missing",
    ),
    atMost(
      "index size / modules.alias.bin (Debian file)",
      0.5,
      debian?.kmodBinBytes ? debian.indexBytes / debian.kmodBinBytes : null,
      debian?.kmodBinBytes ? `${debian.indexBytes} vs ${debian.kmodBinBytes} bytes` : "missing",
    ),
    atMost(
      "one CLI lookup / node -e 0 (median wall time)",
      1.5,
      r.cli.ratio,
      r.cli.commands
        .map((c) => `${c.label} ${sig(c.medianMs)} ms`)
        .filter((_, i, all) => i === 0 || i === all.length - 1)
        .join(", "),
    ),
    atLeast(
      "--stdin batch vs libkmod on the same keys",
      10,
      batch.libkmodLoopMs === null ? null : batch.libkmodLoopMs / batch.cliMs,
      batch.libkmodLoopMs === null
        ? (batch.skipped ?? "libkmod missing")
        : `${batch.keys} keys: CLI ${sig(batch.cliMs)} ms wall vs ${batch.libkmodVia} ${sig(batch.libkmodLoopMs)} ms`,
    ),
  ];
}

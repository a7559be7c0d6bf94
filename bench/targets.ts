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
  const pair = r.flatness?.find((f) => f.set === set);
  const big = pair?.bigUs ?? row(r.latency, "indexed", "1M", set)?.medianUs;
  const real = pair?.realUs ?? row(r.latency, "indexed", "real", set)?.medianUs;
  const value = big !== undefined && real !== undefined ? big / real : null;
  return atMost(
    `best() ${set} median, 1M lines / real file${pair ? " (timed one after the other)" : ""}`,
    1.5,
    value,
    big !== undefined && real !== undefined ? `${sig(big)} vs ${sig(real)} us` : "missing",
  );
}

/** A yes/no target (a property of the index file, not a ratio). */
function holds(name: string, goal: string, ok: boolean, detail: string): Target {
  return { name, goal, measured: detail, value: null, met: ok };
}

function command(r: Measured, label: string): Target {
  const timing = r.cli.commands.find((c) => c.label === label);
  const base = r.cli.commands[0];
  const goal = label.includes("match") ? 1.3 : 1.5;
  return atMost(
    `\`${label}\` / \`node -e 0\` (median wall time)`,
    goal,
    timing?.ratio ?? null,
    timing && base ? `${sig(timing.medianMs)} vs ${sig(base.medianMs)} ms` : "missing",
  );
}

const SCALED_SETS = ["vfio_pci", "pci", "usb", "acpi", "of", "dmi", "misses", "mixed"];

export function checkTargets(r: Measured): Target[] {
  const cold = r.cold.find((c) => c.file === "real");
  const debian = r.files.find((f) => f.file === "debian");
  const { batch, commandMemory: memory, indexChecks: checks } = r;
  return [
    command(r, "modalias match --index F KEY"),
    command(r, "modalias vfio --index F ADDR"),
    command(r, "modalias bind --dry-run --index F ADDR"),
    atLeast(
      "--stdin batch (spawn to exit) vs libkmod's lookups in a running process",
      2.5,
      batch.libkmodLoopMs === null ? null : batch.libkmodLoopMs / batch.cliMs,
      batch.libkmodLoopMs === null
        ? (batch.skipped ?? "libkmod missing")
        : `${batch.keys} keys: ${sig(batch.cliMs)} ms vs ${sig(batch.libkmodLoopMs)} ms`,
    ),
    atLeast(
      "--stdin batch vs `modprobe -aR` with the same keys",
      2.5,
      batch.modprobeMs === null ? null : batch.modprobeMs / batch.cliMs,
      batch.modprobeMs === null ? "modprobe missing" : `${sig(batch.cliMs)} ms vs ${sig(batch.modprobeMs)} ms`,
    ),
    fasterThan(r, "best() vs libkmod, Debian file, vfio_pci set", 4, "libkmod", "debian", "vfio_pci"),
    fasterThan(r, "best() vs libkmod, Debian file, pci set", 5, "libkmod", "debian", "pci"),
    fasterThan(r, "best() vs libkmod, Debian file, mixed set", 20, "libkmod", "debian", "mixed"),
    fasterThan(r, "best() vs libkmod, Debian file, malformed keys", 2, "libkmod", "debian", "malformed"),
    ...SCALED_SETS.map((set) => scaling(r, set)),
    holds(
      "compile 1M lines with --max-old-space-size=512, peak RSS",
      "succeeds, < 512 MiB",
      memory.compileOk && memory.compileMb < 512,
      `${memory.compileOk ? "succeeded" : "failed"}, ${sig(memory.compileMb)} MiB`,
    ),
    holds(
      "a loaded real index over a bare node (peak RSS)",
      "<= 20 MiB",
      memory.matchMb - memory.nodeMb <= 20,
      `${sig(memory.matchMb - memory.nodeMb)} MiB (${sig(memory.matchMb)} vs ${sig(memory.nodeMb)} MiB)`,
    ),
    atMost(
      "index size / modules.alias.bin (Debian file)",
      0.6,
      debian?.kmodBinBytes ? debian.indexBytes / debian.kmodBinBytes : null,
      debian?.kmodBinBytes ? `${debian.indexBytes} vs ${debian.kmodBinBytes} bytes` : "missing",
    ),
    holds("the same input gives the same index bytes", "yes", checks.reproducible, checks.reproducible ? "yes" : "no"),
    holds(
      "a damaged index is refused",
      "exit 2, reason given",
      checks.damagedRefused !== null,
      checks.damagedRefused ?? "accepted",
    ),
    holds(
      'an older format version is refused with "compile the index again"',
      "exit 2, reason given",
      checks.olderRefused?.includes("compile the index again") === true,
      checks.olderRefused ?? "accepted",
    ),
    fasterThan(r, "best() vs linear scan, real file, mixed set", 1000, "linear", "real", "mixed"),
    atLeast(
      "load vs parse+compile, real file, fresh process",
      5,
      cold ? cold.childCompileMs / cold.childLoadMs : null,
      cold ? `${sig(cold.childLoadMs)} vs ${sig(cold.childCompileMs)} ms` : "missing",
    ),
  ];
}

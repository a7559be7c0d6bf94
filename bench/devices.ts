/**
 * `modalias devices` on a machine with thousands of devices: a generated sysfs of DEVICES
 * devices on five buses (pci, usb, acpi, platform with of: modaliases, and dmi), their
 * modaliases built from the real Debian modules.alias (corpus.ts, the query sets), so that
 * each is answered as on a real host. Measured:
 *
 *   the command  `modalias devices --index F --pci-ids F --json` and `--modules` (the
 *                shipped bundle, spawned DEVICE_RUNS times each, median wall time, start-up
 *                included), against `node -e 0`;
 *   in process   inventory() alone (one sysfs walk, every lookup, names), median of
 *                DEVICE_RUNS, and the time per device.
 *
 * Run by `npm run bench` (main.ts), or alone after `npm run build` and
 * `tsc -p bench/tsconfig.json`: `node .bench/bench/devices.js` prints its table.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { loadIndexFile } from "../src/files/index-file.js";
import { AliasLookup } from "../src/lookup/lookup.js";
import { parseIdDatabase } from "../src/parse/ids.js";
import { SysfsReader } from "../src/platform/sysfs.js";
import { inventory } from "../src/system/inventory.js";
import { DATA } from "../test/helpers/data.js";
import { CLI } from "./command-line.js";
import { buildQuerySets } from "./corpus.js";
import { median, runNode } from "./measure.js";
import { devicesTable } from "./report.js";

/** How many devices the generated sysfs has. */
export const DEVICES = 10_000;
/** Runs of each measurement. */
const DEVICE_RUNS = 5;

/** The buses and the query set whose keys are their devices' modaliases. */
const BUSES = [
  ["pci", "pci"],
  ["usb", "usb"],
  ["acpi", "acpi"],
  ["platform", "of"],
  ["dmi", "dmi"],
] as const;

export interface DevicesTiming {
  label: string;
  medianMs: number;
  minMs: number;
}

export interface DevicesResult {
  devices: number;
  runs: number;
  /** Devices with at least one module (as `devices` answered). */
  answered: number;
  /** Distinct modules `devices --modules` printed. */
  modules: number;
  commands: DevicesTiming[];
  inProcess: DevicesTiming;
  /** inProcess median per device, microseconds. */
  usPerDevice: number;
}

/** Builds the tree and the index under `scratch` and measures. */
export async function measureDevices(scratch: string): Promise<DevicesResult> {
  const dir = join(scratch, "devices");
  const aliases = gunzipSync(readFileSync(`${DATA}debian-6.12.107-amd64/modules.alias.gz`));
  const sys = generateSysfs(join(dir, "sys"), aliases);
  const aliasFile = join(dir, "modules.alias");
  const index = join(dir, "modules.alias.index");
  const pciIds = join(dir, "pci.ids");
  writeFileSync(aliasFile, aliases);
  writeFileSync(pciIds, gunzipSync(readFileSync(`${DATA}pci.ids.gz`)));
  const compiled = spawnSync(process.execPath, [CLI, "compile", aliasFile, "-o", index], { encoding: "utf8" });
  if (compiled.status !== 0) throw new Error(`modalias compile failed: ${compiled.stderr}`);

  const common = ["--index", index, "--no-config", "--pci-ids", pciIds, "--sysfs-root", sys, "--proc-root", dir];
  const commands: [string, string[]][] = [
    ["node -e 0", ["-e", "0"]],
    ["modalias devices --json", [CLI, "devices", ...common, "--json"]],
    ["modalias devices --modules", [CLI, "devices", ...common, "--modules"]],
  ];
  const times = commands.map((): number[] => []);
  let answered = 0;
  let modules = 0;
  for (let run = 0; run < DEVICE_RUNS; run++) {
    commands.forEach(([label, args], i) => {
      const result = runNode(args);
      (times[i] as number[]).push(result.ms);
      const lines = result.stdout.trimEnd().split("\n");
      if (label.endsWith("--json")) answered = lines.filter((l) => !l.includes('"modules":[]')).length;
      if (label.endsWith("--modules")) modules = lines.length;
    });
  }

  const lookup = new AliasLookup(await loadIndexFile(index));
  const ids = { pci: parseIdDatabase(readFileSync(pciIds, "utf8")), usb: null };
  const reader = new SysfsReader(sys);
  const inProcess: number[] = [];
  for (let run = 0; run < DEVICE_RUNS; run++) {
    const start = performance.now();
    const reports = await inventory(reader, lookup, null, ids);
    inProcess.push(performance.now() - start);
    if (reports.length !== DEVICES) throw new Error(`inventory found ${reports.length} devices, not ${DEVICES}`);
  }
  const timing = (label: string, values: number[]): DevicesTiming => ({
    label,
    medianMs: median(values),
    minMs: Math.min(...values),
  });
  return {
    devices: DEVICES,
    runs: DEVICE_RUNS,
    answered,
    modules,
    commands: commands.map(([label], i) => timing(label, times[i] as number[])),
    inProcess: timing("inventory() in process", inProcess),
    usPerDevice: (median(inProcess) * 1000) / DEVICES,
  };
}

/**
 * A sysfs of DEVICES devices laid out as the kernel lays them out: each under
 * devices/<bus>/<name> with its modalias, linked from bus/<bus>/devices/<name>.
 */
function generateSysfs(sys: string, aliases: Buffer): string {
  const perBus = DEVICES / BUSES.length;
  const sets = buildQuerySets(aliases, perBus, () => false);
  for (const [bus, set] of BUSES) {
    const keys = sets[set];
    if (keys.length < perBus) throw new Error(`only ${keys.length} ${set} keys for ${perBus} ${bus} devices`);
    mkdirSync(join(sys, "bus", bus, "devices"), { recursive: true });
    keys.slice(0, perBus).forEach((key, i) => {
      const name = bus === "pci" ? pciAddress(i) : `${bus}${i}`;
      const dir = join(sys, "devices", bus, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "modalias"), `${key}\n`);
      symlinkSync(dir, join(sys, "bus", bus, "devices", name));
    });
  }
  return sys;
}

/** The i-th PCI address: 8 functions a device, 32 devices a bus. */
function pciAddress(i: number): string {
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
  return `0000:${hex(i >> 8, 2)}:${hex((i >> 3) & 0x1f, 2)}.${i & 7}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scratch = mkdtempSync(join(tmpdir(), "modalias-bench-devices-"));
  try {
    process.stdout.write(devicesTable(await measureDevices(scratch)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

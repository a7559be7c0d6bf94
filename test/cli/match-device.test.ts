/**
 * `match --device` reads a device's modalias (a PCI address under
 * --sysfs-root, or a sysfs device directory) and answers as for the string;
 * a device that cannot be read is named, and the others are still answered.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { debianAliases } from "../helpers/data.js";
import { MLX5_VF, type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
let aliases: string[];
beforeAll(async () => {
  t = await scenario([UNBOUND_NIC, MLX5_VF]);
  const file = join(t.fake.base, "modules.alias");
  writeFileSync(file, debianAliases());
  aliases = ["--alias-file", file, "--no-config", "--sysfs-root", t.fake.sys];
});
afterAll(() => t.fake.cleanup());

it("answers a device by address as for its modalias, naming it in JSON", () => {
  const run = modalias(["match", ...aliases, "--json", "--device", "06:00.0"]);
  expect(run.status, run.stderr).toBe(0);
  const record = JSON.parse(run.stdout) as Record<string, unknown>;
  const key = "pci:v00008086d00001533sv00008086sd00000000bc02sc00i00";
  expect(record).toMatchObject({ device: "0000:06:00.0", modalias: key, module: "igb" });
  const byKey = JSON.parse(modalias(["match", ...aliases, "--json", key]).stdout) as Record<string, unknown>;
  expect({ ...record, device: undefined }).toEqual({ ...byKey, device: undefined });
});

it("takes several devices, by address or sysfs directory, each line naming its device", () => {
  const usb = join(t.fake.sys, "devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0");
  mkdirSync(usb, { recursive: true });
  writeFileSync(join(usb, "modalias"), "usb:v0BDAp8153d3000dc00dsc00dp00icFFiscFFip00in00\n");
  const run = modalias(["match", ...aliases, "--device", UNBOUND_NIC.address, "--device", usb]);
  expect(run).toMatchObject({ status: 0, stdout: `0000:06:00.0 igb\n${usb} r8152\n`, stderr: "" });
});

it("names a device that is not there or not an address, and answers the others (exit 2)", () => {
  const gone = join(t.fake.sys, "devices/nothing");
  const run = modalias([
    "match",
    ...aliases,
    "--device",
    "07:00.0",
    "--device",
    "xyz",
    "--device",
    gone,
    "--device",
    "06:00.0",
  ]);
  expect(run.stdout).toBe("0000:06:00.0 igb\n");
  expect(run.stderr).toBe(
    [
      `modalias: 07:00.0: no such PCI device (${join(t.fake.sys, "bus/pci/devices/0000:07:00.0")} does not exist)`,
      'modalias: "xyz": not a PCI address (expected DDDD:BB:DD.F or BB:DD.F, hex)',
      `modalias: ${gone}/modalias: no such file`,
      "",
    ].join("\n"),
  );
  expect(run.status).toBe(2);
});

it("is refused with --stdin", () => {
  const run = modalias(["match", ...aliases, "--stdin", "--device", "06:00.0"]);
  expect(run).toMatchObject({ status: 2, stdout: "" });
  expect(run.stderr).toContain("not both");
});

/** --dry-run lists the module load and every write in order, and does none of them. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU])));
afterEach(() => t.fake.cleanup());

it("prints modprobe, override, unbind, probe, in that order, and touches nothing", async () => {
  const run = await modaliasInProcess(["bind", ...aliasArgs(t), "--dry-run", "--force", ...treeArgs(t), "01:00.0"]);

  const dev = join(t.fake.sys, "bus/pci/devices/0000:01:00.0");
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "0000:01:00.0: would bind to vfio-pci (module vfio_pci), now nouveau",
    `  ${t.modprobe.command} -b vfio_pci`,
    `  echo vfio-pci > ${dev}/driver_override`,
    `  echo 0000:01:00.0 > ${dev}/driver/unbind`,
    `  echo 0000:01:00.0 > ${join(t.fake.sys, "bus/pci/drivers_probe")}`,
    "",
  ]);
  expect(await t.modprobe.calls()).toEqual([]);
  expect(await readFile(join(dev, "driver_override"), "utf8")).toBe("(null)\n");
  expect(await readFile(join(t.fake.sys, "bus/pci/drivers/nouveau/unbind"), "utf8")).toBe("");
  expect(await readFile(join(t.fake.sys, "bus/pci/drivers_probe"), "utf8")).toBe("");
  expect(await t.fake.driverOf("0000:01:00.0")).toBe("nouveau");
});

it("gives the same list as JSON actions", async () => {
  const run = await modaliasInProcess([
    "bind",
    ...aliasArgs(t),
    "--dry-run",
    "--force",
    "--json",
    ...treeArgs(t),
    "01:00.0",
  ]);

  const report = JSON.parse(run.stdout) as { outcome: string; actions: { kind: string; step?: string }[] };
  expect(report.outcome).toBe("would-bind");
  expect(report.actions.map((a) => a.step ?? a.kind)).toEqual(["modprobe", "set override", "unbind", "probe"]);
});

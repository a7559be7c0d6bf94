/** `unbind --dry-run` through the CLI prints the writes, including the clearing newline, and does none. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => {
  t = await scenario([{ ...GPU, driver: "vfio-pci", override: "vfio-pci", hostDriver: "nouveau" }], {
    loaded: { vfio_pci: "vfio-pci" },
  });
});
afterEach(() => t.fake.cleanup());

it("prints the writes for --dry-run, including the clearing newline, and does none", async () => {
  const run = await modaliasInProcess(["unbind", "--dry-run", "--sysfs-root", t.fake.sys, "01:00.0"]);

  const dev = join(t.fake.sys, "bus/pci/devices/0000:01:00.0");
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "0000:01:00.0: would release from vfio-pci",
    `  echo 0000:01:00.0 > ${dev}/driver/unbind`,
    `  echo > ${dev}/driver_override`,
    `  echo 0000:01:00.0 > ${join(t.fake.sys, "bus/pci/drivers_probe")}`,
    "",
  ]);
  expect(await readFile(join(dev, "driver_override"), "utf8")).toBe("vfio-pci\n");
});

it("says it would clear the override of a device no driver holds, not release it from no driver", async () => {
  await t.fake.unbindLink("0000:01:00.0");
  const run = await modaliasInProcess(["unbind", "--dry-run", "--no-reprobe", "--sysfs-root", t.fake.sys, "01:00.0"]);

  expect(run.stdout.split("\n")[0]).toBe("0000:01:00.0: would clear driver_override vfio-pci (no driver held it)");
});

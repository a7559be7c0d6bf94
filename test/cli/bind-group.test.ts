/** `bind --group --dry-run` lists every member's steps, and the members left as they are. */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, GPU_AUDIO, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";

const PORT = { address: "0000:00:01.0", vendor: "8086", device: "1901", classCode: "060400", group: 14 };

let t: Scenario;
beforeEach(async () => {
  t = await scenario([PORT, { ...GPU, consumers: [GPU_AUDIO.address] }, GPU_AUDIO], {
    loaded: { vfio_pci: "vfio-pci" },
  });
});
afterEach(() => t.fake.cleanup());

it("prints each member's writes in order, and why the bridge is left", async () => {
  const run = await modaliasInProcess([
    "bind",
    "--group",
    "--dry-run",
    "--force",
    ...aliasArgs(t),
    ...treeArgs(t),
    "01:00.0",
  ]);

  const dev = (a: string) => join(t.fake.sys, "bus/pci/devices", a);
  const probe = join(t.fake.sys, "bus/pci/drivers_probe");
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "0000:01:00.0: would bind to vfio-pci (module vfio_pci), now nouveau",
    `  echo vfio-pci > ${dev("0000:01:00.0")}/driver_override`,
    `  echo 0000:01:00.0 > ${dev("0000:01:00.0")}/driver/unbind`,
    `  echo 0000:01:00.0 > ${probe}`,
    "0000:00:01.0: left as it is (IOMMU group 14): a PCI bridge without a driver, which vfio allows in a group",
    "0000:01:00.1: would bind to vfio-pci (module vfio_pci), now snd_hda_intel (IOMMU group 14, taken along)",
    `  echo vfio-pci > ${dev("0000:01:00.1")}/driver_override`,
    `  echo 0000:01:00.1 > ${dev("0000:01:00.1")}/driver/unbind`,
    `  echo 0000:01:00.1 > ${probe}`,
    "",
  ]);
  expect(run.stderr).toBe(
    "modalias: 0000:01:00.0: warning: taking it anyway (--force): bound to host driver nouveau\n" +
      "modalias: 0000:01:00.1: warning: taking it anyway (--force): bound to host driver snd_hda_intel\n",
  );
});

it("says the companion is taken along without --group", async () => {
  const run = await modaliasInProcess(["bind", "--dry-run", "--force", ...aliasArgs(t), ...treeArgs(t), "01:00.0"]);

  expect(run.stdout).toContain(
    "0000:01:00.1: would bind to vfio-pci (module vfio_pci), now snd_hda_intel (consumer of 0000:01:00.0 through a device link, taken along)",
  );
  const alone = await modaliasInProcess([
    "bind",
    "--dry-run",
    "--force",
    "--no-companions",
    ...aliasArgs(t),
    ...treeArgs(t),
    "01:00.0",
  ]);
  expect(alone.stdout).not.toContain("0000:01:00.1");
});

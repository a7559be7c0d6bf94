/** `status` shows ids, driver, override, vfio choice and IOMMU group, for given devices or all of them. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, GPU_AUDIO, MLX5_VF, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU, GPU_AUDIO, MLX5_VF])));
afterEach(() => t.fake.cleanup());

it("lists every PCI device when none is given", async () => {
  const run = await modaliasInProcess(["status", ...aliasArgs(t), "--sysfs-root", t.fake.sys]);

  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "0000:01:00.0 10de:2204 driver=nouveau override=- vfio=vfio_pci group=14",
    "  group 14, not usable by vfio yet: also 0000:01:00.1 (snd_hda_intel)",
    "0000:01:00.1 10de:1aef driver=snd_hda_intel override=- vfio=vfio_pci group=14",
    "  group 14, not usable by vfio yet: also 0000:01:00.0 (nouveau)",
    "0000:3b:00.1 15b3:101e driver=mlx5_core override=- vfio=mlx5_vfio_pci group=30",
    "",
  ]);
});

it("gives the group members and usability as JSON", async () => {
  const run = await modaliasInProcess(["status", ...aliasArgs(t), "--json", "--sysfs-root", t.fake.sys, "01:00.1"]);

  expect(JSON.parse(run.stdout)).toEqual({
    device: "0000:01:00.1",
    ok: true,
    error: null,
    ids: "10de:1aef",
    driver: "snd_hda_intel",
    override: null,
    unfinished: null,
    vfio: { module: "vfio_pci", line: 2, origin: "modules.alias", file: null, builtin: false, prohibited: null },
    iommuGroup: {
      number: "14",
      usable: false,
      members: [
        { device: "0000:01:00.0", driver: "nouveau" },
        { device: "0000:01:00.1", driver: "snd_hda_intel" },
      ],
    },
  });
});

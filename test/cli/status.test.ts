/**
 * `status` shows ids with their names in the PCI ID database, driver, override, the host
 * modules that could drive the device (as `lspci -k`'s "Kernel modules:", compared with
 * libkmod's lookup of the same Debian tree), the vfio choice and the IOMMU group, for given
 * devices or all of them; on the real Debian modules.alias and pci.ids.
 */
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { DATA, debianAliases, variantLines } from "../helpers/data.js";
import { openDebianKmod } from "../helpers/debian-kmod.js";
import { GPU, GPU_AUDIO, MLX5_VF, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
let sources: string[];
beforeEach(async () => {
  t = await scenario([GPU, GPU_AUDIO, MLX5_VF]);
  const aliases = join(t.fake.base, "modules.alias");
  const ids = join(t.fake.base, "pci.ids");
  writeFileSync(aliases, Buffer.concat([debianAliases(), Buffer.from(`${variantLines().join("\n")}\n`)]));
  writeFileSync(ids, gunzipSync(await readFile(`${DATA}pci.ids.gz`)));
  sources = ["--alias-file", aliases, "--no-config", "--pci-ids", ids, "--sysfs-root", t.fake.sys];
});
afterEach(() => t.fake.cleanup());

const kmod = await openDebianKmod();
afterAll(() => kmod.close());

it("lists every PCI device when none is given, with names and kernel modules", async () => {
  const run = await modaliasInProcess(["status", ...sources]);

  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "0000:01:00.0 10de:2204 driver=nouveau override=- vfio=vfio_pci group=14  NVIDIA Corporation: GA102 [GeForce RTX 3090]",
    "  kernel modules: nouveau",
    "  group 14, not usable by vfio yet: also 0000:01:00.1 (snd_hda_intel)",
    "0000:01:00.1 10de:1aef driver=snd_hda_intel override=- vfio=vfio_pci group=14  NVIDIA Corporation: GA102 High Definition Audio Controller",
    "  kernel modules: snd_hda_intel",
    "  group 14, not usable by vfio yet: also 0000:01:00.0 (nouveau)",
    "0000:3b:00.1 15b3:101e driver=mlx5_core override=- vfio=mlx5_vfio_pci group=30  Mellanox Technologies: ConnectX Family mlx5Gen Virtual Function",
    "  kernel modules: mlx5_core",
    "",
  ]);
});

it("names the same kernel modules as libkmod", async (context) => {
  if (typeof kmod.kmod === "string") context.skip();
  const run = await modaliasInProcess(["status", ...sources, "--json"]);
  for (const line of run.stdout.trimEnd().split("\n")) {
    const report = JSON.parse(line) as { device: string; modules: string[] };
    const modalias = (await readFile(join(t.fake.deviceDir(report.device), "modalias"), "utf8")).trim();
    const theirs = typeof kmod.kmod === "string" ? [] : kmod.kmod.lookup(modalias);
    expect(report.modules, report.device).toEqual(Array.isArray(theirs) ? [...new Set(theirs)] : theirs);
  }
});

it("gives names, modules, the group members and usability as JSON", async () => {
  const run = await modaliasInProcess(["status", ...sources, "--json", "01:00.1"]);

  expect(JSON.parse(run.stdout)).toEqual({
    device: "0000:01:00.1",
    ok: true,
    error: null,
    ids: "10de:1aef",
    vendorName: "NVIDIA Corporation",
    deviceName: "GA102 High Definition Audio Controller",
    modules: ["snd_hda_intel"],
    driver: "snd_hda_intel",
    override: null,
    unfinished: null,
    vfio: { module: "vfio_pci", line: 21770, origin: "modules.alias", file: null, builtin: false, prohibited: null },
    iommu: true,
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

it("answers without a kernel tree, saying once why modules and the vfio driver are missing", async () => {
  const run = await modaliasInProcess(["status", "-b", t.fake.base, "--sysfs-root", t.fake.sys, "01:00.0", "01:00.1"]);

  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "0000:01:00.0 10de:2204 driver=nouveau override=- vfio=? group=14",
    "  group 14, not usable by vfio yet: also 0000:01:00.1 (snd_hda_intel)",
    "0000:01:00.1 10de:1aef driver=snd_hda_intel override=- vfio=? group=14",
    "  group 14, not usable by vfio yet: also 0000:01:00.0 (nouveau)",
    "",
  ]);
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(
    /^modalias: warning: no kernel modules or vfio driver shown: .*no modules\.alias for kernel/,
  );
  expect(run.stderr).toContain("--alias-file FILE");
});

it("still fails when the aliases named cannot be read", async () => {
  const missing = join(t.fake.base, "missing.alias");
  const run = await modaliasInProcess(["status", "--alias-file", missing, "--sysfs-root", t.fake.sys]);

  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain(missing);
});

it("says once that the IOMMU is off instead of a group on every device", async () => {
  const off = await scenario([
    { ...GPU, group: undefined },
    { ...GPU_AUDIO, group: undefined },
  ]);
  try {
    const run = await modaliasInProcess(["status", ...sources.slice(0, -1), off.fake.sys]);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      `modalias: warning: no IOMMU groups in ${join(off.fake.sys, "kernel/iommu_groups")}: the IOMMU is off or missing, ` +
        "and vfio can use no device (turn on VT-d or AMD-Vi in the firmware, and intel_iommu=on on Intel)\n",
    );
    expect(run.stdout).toContain("0000:01:00.0 10de:2204 driver=nouveau override=- vfio=vfio_pci iommu=off  NVIDIA");
    expect(run.stdout).not.toContain("group");
  } finally {
    await off.fake.cleanup();
  }
});

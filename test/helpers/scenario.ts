/**
 * A ready test setup: a fake tree with common host drivers registered, the
 * fake kernel, a fake modprobe, the binder context and the table chooser.
 * Devices are added by each test.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChooseVfio } from "../../src/binder/choose.js";
import type { BinderContext } from "../../src/binder/transaction.js";
import { testContext } from "./context.js";
import { type FakeKernel, fakeKernel, type KernelQuirks } from "./fake-kernel.js";
import { type FakeModprobe, fakeModprobe, type ModuleBehaviour } from "./fake-modprobe.js";
import { type DeviceSpec, FakeSysfs } from "./fake-sysfs.js";
import { tableChooser, VFIO_ALIASES } from "./vfio-table.js";

/** Everything a binder test needs. */
export interface Scenario {
  fake: FakeSysfs;
  kernel: FakeKernel;
  modprobe: FakeModprobe;
  ctx: BinderContext;
  choose: ChooseVfio;
}

/** Host drivers registered in every scenario, with their modules. */
const HOST_DRIVERS: Record<string, string> = {
  nouveau: "nouveau",
  snd_hda_intel: "snd_hda_intel",
  mlx5_core: "mlx5_core",
  igb: "igb",
  nvme: "nvme",
};

/** The modules the fake modprobe can load unless a test says otherwise. */
export const DEFAULT_MODULES: Record<string, ModuleBehaviour> = {
  vfio_pci: { driver: "vfio-pci" },
  mlx5_vfio_pci: { driver: "mlx5_vfio_pci" },
};

/** Builds a scenario with `devices`, fake modprobe `modules` and kernel `quirks`. */
export async function scenario(
  devices: DeviceSpec[],
  options: { modules?: Record<string, ModuleBehaviour>; quirks?: KernelQuirks; loaded?: Record<string, string> } = {},
): Promise<Scenario> {
  const fake = await FakeSysfs.create();
  for (const [driver, module] of Object.entries(HOST_DRIVERS)) await fake.addDriver(driver, module);
  for (const [module, driver] of Object.entries(options.loaded ?? {})) await fake.addDriver(driver, module);
  for (const d of devices) await fake.addDevice(d);
  const kernel = fakeKernel(fake, options.quirks);
  const modprobe = await fakeModprobe(fake, options.modules ?? DEFAULT_MODULES);
  return { fake, kernel, modprobe, ctx: testContext(fake, kernel, modprobe), choose: tableChooser() };
}

/** An Intel I210 NIC (no vfio variant driver), unbound, alone in IOMMU group 20. */
export const UNBOUND_NIC: DeviceSpec = { address: "0000:06:00.0", vendor: "8086", device: "1533", group: 20 };

/** A GPU bound to nouveau, sharing IOMMU group 14 with its audio function. */
export const GPU: DeviceSpec = {
  address: "0000:01:00.0",
  vendor: "10de",
  device: "2204",
  classCode: "030000",
  driver: "nouveau",
  group: 14,
};

/** The GPU's audio function, bound to snd_hda_intel, in IOMMU group 14. */
export const GPU_AUDIO: DeviceSpec = {
  address: "0000:01:00.1",
  vendor: "10de",
  device: "1aef",
  classCode: "040300",
  driver: "snd_hda_intel",
  group: 14,
};

/** A Mellanox ConnectX-7 VF (has the mlx5_vfio_pci variant), bound to mlx5_core, alone in group 30. */
export const MLX5_VF: DeviceSpec = {
  address: "0000:3b:00.1",
  vendor: "15b3",
  device: "101e",
  subDevice: "0016",
  driver: "mlx5_core",
  group: 30,
};

/** The CLI options that point a command at the scenario's fake tree and modprobe. */
export function treeArgs(t: Scenario): string[] {
  return ["--sysfs-root", t.fake.sys, "--proc-root", t.fake.proc, "--modprobe", t.modprobe.command];
}

let aliasFiles = 0;

/**
 * The CLI options that make a command choose vfio drivers from `text`
 * (default: the aliases `t.choose` uses, so the real program chooses as it
 * does): `--alias-file` with the text written into the fake tree, and
 * `--no-config`.
 */
export function aliasArgs(t: Scenario, text: string = VFIO_ALIASES): string[] {
  aliasFiles += 1;
  const file = join(t.fake.base, `modules-${aliasFiles}.alias`);
  writeFileSync(file, text);
  return ["--alias-file", file, "--no-config"];
}

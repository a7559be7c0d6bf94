/**
 * Whether an install command keeps a module from loading: kmod runs the first
 * install entry whose module pattern matches the name (fnmatch), so only that
 * entry counts, and it disables the module when its command is a bare
 * true/false.
 */
import { expect, it } from "vitest";
import { disablingInstall, mergeConfig, parseModprobeConfig } from "../../src/parse/modprobe-config.js";

const text = [
  "install pds-vfio-pci \t/bin/false \t",
  "install qat_vfio_pci /sbin/modprobe --ignore-install qat_vfio_pci",
  "install qat_vfio_pci /bin/true",
  "install mlx5_* /usr/bin/true",
  "install hisi_acc_vfio_pci /bin/false --now",
  "install virtio_vfio_pci /usr/bin/false",
  "install nvgrace_gpu_vfio_pci /bin/truex",
].join("\n");
const config = mergeConfig({ listingProblems: [], files: [parseModprobeConfig(text, "i.conf")], kernelBlacklist: [] });

it("finds a no-op install command that applies to the module", () => {
  expect(disablingInstall(config, "pds_vfio_pci")?.line).toBe(1);
  expect(disablingInstall(config, "mlx5-vfio-pci")?.line).toBe(4);
  expect(disablingInstall(config, "virtio_vfio_pci")?.line).toBe(6);
});

it("ignores real commands, commands with arguments, and entries after the first match", () => {
  expect(disablingInstall(config, "qat_vfio_pci")).toBeNull();
  expect(disablingInstall(config, "hisi_acc_vfio_pci")).toBeNull();
  expect(disablingInstall(config, "nvgrace_gpu_vfio_pci")).toBeNull();
  expect(disablingInstall(config, "vfio_pci")).toBeNull();
});

/**
 * Whether a module is blacklisted, as kmod decides for `modprobe -b`: the
 * module's name with `-` as `_` against each entry as stored, so a file's
 * `blacklist vfio-pci` (stored as vfio_pci) counts but the command line's
 * `modprobe.blacklist=vfio-pci` (stored as written) does not.
 */
import { expect, it } from "vitest";
import { blacklistOf, mergeConfig, parseModprobeConfig } from "../../src/parse/modprobe-config.js";

const config = mergeConfig({
  listingProblems: [],
  files: [parseModprobeConfig("blacklist vfio-pci\nblacklist nouveau\nblacklist vfio_pci\n", "b.conf")],
  kernelBlacklist: ["mlx5-vfio-pci", "pds_vfio_pci"],
});

it("finds the first entry naming the module, from a file or the command line", () => {
  expect(blacklistOf(config, "vfio_pci")).toEqual({ origin: "file", file: "b.conf", line: 1, module: "vfio_pci" });
  expect(blacklistOf(config, "vfio-pci")).toEqual({ origin: "file", file: "b.conf", line: 1, module: "vfio_pci" });
  expect(blacklistOf(config, "pds-vfio-pci")).toEqual({ origin: "kernel command line", module: "pds_vfio_pci" });
});

it("matches whole names only, and not a command-line entry written with -", () => {
  expect(blacklistOf(config, "nouveau_x")).toBeNull();
  expect(blacklistOf(config, "mlx5_vfio_pci")).toBeNull();
  expect(blacklistOf(config, "mlx5-vfio-pci")).toBeNull();
});

/** Reading `modprobe -c` output for a blacklist or a no-op install line. */
import { expect, it } from "vitest";
import { findProhibition } from "../../src/parse/modprobe-config.js";

const CONFIG = [
  "options snd_hda_intel power_save=1",
  "blacklist mlx5_vfio_pci",
  "blacklist nouveau",
  "install pds_vfio_pci /bin/false",
  "install qat_vfio_pci /sbin/modprobe --ignore-install qat_vfio_pci",
  "",
].join("\n");

it("finds a blacklist line for the module", () => {
  expect(findProhibition(CONFIG, "nouveau")).toEqual({
    kind: "blacklist",
    line: "blacklist nouveau",
    where: "modprobe -c line 3",
  });
});

it("matches whole names only: blacklisting mlx5_vfio_pci does not blacklist vfio_pci", () => {
  expect(findProhibition(CONFIG, "vfio_pci")).toBeNull();
});

it("compares - and _ alike", () => {
  expect(findProhibition("blacklist vfio-pci\n", "vfio-pci")).toEqual({
    kind: "blacklist",
    line: "blacklist vfio_pci",
    where: "modprobe -c line 1",
  });
});

it("takes only the first install line that matches the module, as kmod does", () => {
  expect(
    findProhibition("install *_vfio_pci /sbin/modprobe x\ninstall pds_vfio_pci /bin/false\n", "pds_vfio_pci"),
  ).toBeNull();
  expect(findProhibition("install *vfio* /bin/true\n", "pds_vfio_pci")).toEqual({
    kind: "install",
    line: "install *vfio* /bin/true",
    where: "modprobe -c line 1",
  });
});

it("finds an install line that does nothing, but not a real install command", () => {
  expect(findProhibition(CONFIG, "pds_vfio_pci")).toEqual({
    kind: "install",
    line: "install pds_vfio_pci /bin/false",
    where: "modprobe -c line 4",
  });
  expect(findProhibition(CONFIG, "qat_vfio_pci")).toBeNull();
});

/** driverctl's naming and file format: `pci-<sysfs address>` holding the driver name and a newline. */
import { expect, it } from "vitest";
import { driverName, parsePciAddress } from "../../src/platform/sysfs.js";
import { entryDevice, overrideContent, overrideFile, parseOverride } from "../../src/system/persisted.js";

it("names the file after the bus and the canonical address", () => {
  expect(overrideFile(parsePciAddress("3B:00.1"))).toBe("/etc/driverctl.d/pci-0000:3b:00.1");
  expect(overrideFile(parsePciAddress("10000:00:02.0"))).toBe("/etc/driverctl.d/pci-10000:00:02.0");
});

it("writes the driver name and a newline, and reads it back as driverctl does", () => {
  expect(overrideContent(driverName("vfio-pci"))).toBe("vfio-pci\n");
  expect(parseOverride("vfio-pci\n")).toBe("vfio-pci");
  expect(parseOverride("mlx5_vfio_pci")).toBe("mlx5_vfio_pci");
  expect(() => parseOverride("\n")).toThrow("empty");
});

it("reads the device from an entry name, skipping other buses and temporary files", () => {
  expect(entryDevice("pci-0000:01:00.0")).toBe("0000:01:00.0");
  expect(entryDevice("usb-1-1")).toBeNull();
  expect(entryDevice(".pci-0000:01:00.0.1.ab.tmp")).toBeNull();
  expect(() => entryDevice("pci-0000:01:00.0/../x")).toThrow("not a PCI address");
});

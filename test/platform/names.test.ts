/** Names read from the system or the index are checked before they become path components. */
import { expect, it } from "vitest";
import { driverName, moduleName, NameError, pathComponent } from "../../src/platform/sysfs.js";

it.each(["..", ".", "", "a/b", "../vfio-pci", "x\0y"])("rejects %j as a path component or driver", (value) => {
  expect(() => pathComponent(value)).toThrow(NameError);
  expect(() => driverName(value)).toThrow(NameError);
});

it("accepts driver names as the kernel spells them", () => {
  expect(driverName("vfio-pci")).toBe("vfio-pci");
  expect(driverName("snd_hda_intel")).toBe("snd_hda_intel");
});

it("spells module names with _ and rejects anything but [A-Za-z0-9_-]", () => {
  expect(moduleName("vfio-pci")).toBe("vfio_pci");
  expect(() => moduleName("../vfio_pci")).toThrow(NameError);
});

/** The rollback plan brings a device back from any binding to the one it had. */
import { expect, it } from "vitest";
import { planRestore } from "../../src/binder/transaction.js";
import { driverName, parsePciAddress } from "../../src/platform/sysfs.js";

const a = parsePciAddress("0000:01:00.0");
const nouveau = driverName("nouveau");
const vfio = driverName("vfio-pci");

it("unbinds the new driver, restores the override and rebinds the old driver", () => {
  expect(planRestore(a, { driver: vfio, override: "vfio-pci" }, { driver: nouveau, override: null })).toEqual([
    { step: "unbind", path: "bus/pci/devices/0000:01:00.0/driver/unbind", value: a },
    { step: "restore override", path: "bus/pci/devices/0000:01:00.0/driver_override", value: "\n" },
    { step: "rebind", path: "bus/pci/drivers/nouveau/bind", value: a },
  ]);
});

it("plans nothing when the binding is unchanged", () => {
  expect(planRestore(a, { driver: nouveau, override: null }, { driver: nouveau, override: null })).toEqual([]);
});

it("only restores the override when the device never left its driver", () => {
  expect(planRestore(a, { driver: nouveau, override: "vfio-pci" }, { driver: nouveau, override: null })).toEqual([
    { step: "restore override", path: "bus/pci/devices/0000:01:00.0/driver_override", value: "\n" },
  ]);
});

it("leaves a device unbound that was unbound before", () => {
  expect(
    planRestore(a, { driver: vfio, override: "vfio-pci" }, { driver: null, override: null }).map((w) => w.step),
  ).toEqual(["unbind", "restore override"]);
});

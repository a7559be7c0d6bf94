/** driver_override gets the driver name the module registered (vfio-pci), not the module name (vfio_pci). */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([UNBOUND_NIC], { loaded: { vfio_pci: "vfio-pci" } })));
afterEach(() => t.fake.cleanup());

it("reads vfio-pci from module/vfio_pci/drivers and writes that", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:06:00.0"));

  expect(report.target).toEqual({ module: "vfio_pci", driver: "vfio-pci" });
  expect(await t.modprobe.calls()).toEqual([]);
  expect(t.kernel.log[0]).toEqual({ path: "bus/pci/devices/0000:06:00.0/driver_override", value: "vfio-pci" });
  expect(await t.fake.overrideOf("0000:06:00.0")).toBe("vfio-pci");
});

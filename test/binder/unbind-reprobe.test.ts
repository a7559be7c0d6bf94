/** unbind releases the device from vfio, clears the override with a newline, and reprobes so the host driver takes it back. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { unbindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => {
  t = await scenario([{ ...GPU, driver: "vfio-pci", override: "vfio-pci", hostDriver: "nouveau" }], {
    loaded: { vfio_pci: "vfio-pci" },
  });
});
afterEach(() => t.fake.cleanup());

it("ends with nouveau bound and no override", async () => {
  const report = await unbindDevice(t.ctx, parsePciAddress("0000:01:00.0"));

  expect(report.error).toBeNull();
  expect(report).toMatchObject({ ok: true, outcome: "unbound", after: { driver: "nouveau", override: null } });
  expect(t.kernel.log).toEqual([
    { path: "bus/pci/devices/0000:01:00.0/driver/unbind", value: "0000:01:00.0" },
    { path: "bus/pci/devices/0000:01:00.0/driver_override", value: "\n" },
    { path: "bus/pci/drivers_probe", value: "0000:01:00.0" },
  ]);
  expect(await t.fake.driverOf("0000:01:00.0")).toBe("nouveau");
  expect(await t.modprobe.calls()).toEqual([]);
});

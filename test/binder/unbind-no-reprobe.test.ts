/** unbind --no-reprobe leaves the device without a driver. */
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

it("unbinds and clears the override but does not probe", async () => {
  const report = await unbindDevice(t.ctx, parsePciAddress("0000:01:00.0"), { reprobe: false });

  expect(report).toMatchObject({ ok: true, outcome: "unbound", after: { driver: null, override: null } });
  expect(t.kernel.log.map((w) => w.path)).toEqual([
    "bus/pci/devices/0000:01:00.0/driver/unbind",
    "bus/pci/devices/0000:01:00.0/driver_override",
  ]);
  expect(await t.fake.driverOf("0000:01:00.0")).toBeNull();
});

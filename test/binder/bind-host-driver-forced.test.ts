/** With --force, a device is taken from its host driver in libvirt's order. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU])));
afterEach(() => t.fake.cleanup());

it("writes override, unbinds nouveau, probes, and ends on vfio-pci with a warning", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:01:00.0"), { force: true });

  expect(report.error).toBeNull();
  expect(report).toMatchObject({ ok: true, outcome: "bound", before: { driver: "nouveau", override: null } });
  expect(t.kernel.log).toEqual([
    { path: "bus/pci/devices/0000:01:00.0/driver_override", value: "vfio-pci" },
    { path: "bus/pci/devices/0000:01:00.0/driver/unbind", value: "0000:01:00.0" },
    { path: "bus/pci/drivers_probe", value: "0000:01:00.0" },
  ]);
  expect(await t.fake.driverOf("0000:01:00.0")).toBe("vfio-pci");
  expect(report.warnings).toContain("taking it anyway (--force): bound to host driver nouveau");
});

/** Binding an unbound device: modprobe, set the override, probe, verify. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([UNBOUND_NIC])));
afterEach(() => t.fake.cleanup());

it("loads vfio_pci, writes override then probe, and ends bound to vfio-pci", async () => {
  const a = parsePciAddress("0000:06:00.0");
  const report = await bindDevice(t.ctx, t.choose, a);

  expect(report.error).toBeNull();
  expect(report).toMatchObject({ ok: true, outcome: "bound", target: { module: "vfio_pci", driver: "vfio-pci" } });
  expect(await t.modprobe.calls()).toEqual(["vfio_pci"]);
  expect(t.kernel.log).toEqual([
    { path: "bus/pci/devices/0000:06:00.0/driver_override", value: "vfio-pci" },
    { path: "bus/pci/drivers_probe", value: "0000:06:00.0" },
  ]);
  expect(await t.fake.driverOf(a)).toBe("vfio-pci");
  expect(report.after).toEqual({ driver: "vfio-pci", override: "vfio-pci" });
});

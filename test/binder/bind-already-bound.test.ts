/** A device already bound to its vfio driver is left alone. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => {
  t = await scenario([{ ...UNBOUND_NIC, driver: "vfio-pci", override: "vfio-pci" }], {
    loaded: { vfio_pci: "vfio-pci" },
  });
});
afterEach(() => t.fake.cleanup());

it("says so and writes nothing, loads nothing", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("06:00.0"));

  expect(report).toMatchObject({
    ok: true,
    outcome: "already-bound",
    target: { module: "vfio_pci", driver: "vfio-pci" },
  });
  expect(report.actions).toEqual([]);
  expect(t.kernel.log).toEqual([]);
  expect(await t.modprobe.calls()).toEqual([]);
});

/** A probe that leaves the device without a driver is rolled back to the old driver and override. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU], { quirks: { probeDeclines: ["vfio-pci"] } })));
afterEach(() => t.fake.cleanup());

it("fails at verify, restores the override and rebinds nouveau", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:01:00.0"), { force: true });

  expect(report).toMatchObject({ ok: false, outcome: "failed", error: { step: "verify", rollback: "complete" } });
  expect(report.error?.reason).toBe("vfio-pci did not claim the device");
  expect(t.kernel.log).toEqual([
    { path: "bus/pci/devices/0000:01:00.0/driver_override", value: "vfio-pci" },
    { path: "bus/pci/devices/0000:01:00.0/driver/unbind", value: "0000:01:00.0" },
    { path: "bus/pci/drivers_probe", value: "0000:01:00.0" },
    { path: "bus/pci/devices/0000:01:00.0/driver_override", value: "\n" },
    { path: "bus/pci/drivers/nouveau/bind", value: "0000:01:00.0" },
  ]);
  expect(await t.fake.driverOf("0000:01:00.0")).toBe("nouveau");
  expect(await t.fake.overrideOf("0000:01:00.0")).toBeNull();
  expect(report.after).toEqual({ driver: "nouveau", override: null });
});

it("puts back an override that was set before", async () => {
  await t.fake.setOverride("0000:01:00.0", "nouveau");
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:01:00.0"), { force: true });

  expect(report.error).toMatchObject({ step: "verify", rollback: "complete" });
  expect(t.kernel.log.at(-2)).toEqual({ path: "bus/pci/devices/0000:01:00.0/driver_override", value: "nouveau" });
  expect(await t.fake.overrideOf("0000:01:00.0")).toBe("nouveau");
  expect(await t.fake.driverOf("0000:01:00.0")).toBe("nouveau");
});

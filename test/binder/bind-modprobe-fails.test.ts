/** When modprobe fails, nothing is written and the device keeps its driver; the report names the driver chosen. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU], { modules: { vfio_pci: "fails" } })));
afterEach(() => t.fake.cleanup());

it("fails at the load step with modprobe’s message and leaves everything as it was", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:01:00.0"), { force: true });

  expect(report).toMatchObject({
    ok: false,
    outcome: "failed",
    error: { step: "load", blacklisted: false, rollback: "not-needed" },
  });
  expect(report.target).toEqual({ module: "vfio_pci", driver: "vfio-pci" });
  expect(report.error?.reason).toContain("Module vfio_pci not found");
  expect(report.error?.reason).toContain("exit status 1");
  expect(t.kernel.log).toEqual([]);
  expect(await t.fake.driverOf("0000:01:00.0")).toBe("nouveau");
  expect(await t.fake.overrideOf("0000:01:00.0")).toBeNull();
  expect(report.after).toEqual({ driver: "nouveau", override: null });
});

/** unbind refuses a device that is not on a vfio driver unless forced. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { unbindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU])));
afterEach(() => t.fake.cleanup());

it("refuses without --force and writes nothing", async () => {
  const report = await unbindDevice(t.ctx, parsePciAddress("0000:01:00.0"));

  expect(report).toMatchObject({ ok: false, outcome: "refused", error: { step: "check" } });
  expect(report.error?.reason).toBe("bound to nouveau, not a vfio driver (use --force to release it anyway)");
  expect(t.kernel.log).toEqual([]);
});

it("releases it with --force and --no-reprobe", async () => {
  const report = await unbindDevice(t.ctx, parsePciAddress("0000:01:00.0"), { force: true, reprobe: false });

  expect(report.ok).toBe(true);
  expect(await t.fake.driverOf("0000:01:00.0")).toBeNull();
});

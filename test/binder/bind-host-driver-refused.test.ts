/** A device held by a host driver is not taken without --force. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU])));
afterEach(() => t.fake.cleanup());

it("refuses, naming the driver and --force, and changes nothing", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:01:00.0"));

  expect(report).toMatchObject({ ok: false, outcome: "refused", error: { step: "check", rollback: "not-needed" } });
  expect(report.error?.reason).toContain("bound to host driver nouveau");
  expect(report.error?.reason).toContain("--force");
  expect(t.kernel.log).toEqual([]);
  expect(await t.modprobe.calls()).toEqual([]);
  expect(await t.fake.driverOf("0000:01:00.0")).toBe("nouveau");
});

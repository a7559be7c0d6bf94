/** A missing device, or one whose modalias cannot be read, fails with a clear reason. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([UNBOUND_NIC])));
afterEach(() => t.fake.cleanup());

it("says there is no such device", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:07:00.0"));

  expect(report).toMatchObject({ ok: false, outcome: "failed", error: { step: "read" } });
  expect(report.error?.reason).toMatch(/^no such PCI device/);
});

it("says the device is gone when modalias has vanished", async () => {
  await rm(join(t.fake.deviceDir("0000:06:00.0"), "modalias"));
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:06:00.0"));

  expect(report.error?.reason).toMatch(/^device is gone/);
  expect(t.kernel.log).toEqual([]);
});

/** A denied write fails with the file named, and what was already done is undone. */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU], { quirks: { deny: ["bus/pci/drivers_probe"] } })));
afterEach(() => t.fake.cleanup());

it("reports permission denied on drivers_probe and rebinds nouveau", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:01:00.0"), { force: true });

  const file = join(t.fake.sys, "bus/pci/drivers_probe");
  expect(report).toMatchObject({ ok: false, outcome: "failed", error: { step: "probe", file, rollback: "complete" } });
  expect(report.error?.reason).toBe(`permission denied (EACCES) writing ${file}`);
  expect(await t.fake.driverOf("0000:01:00.0")).toBe("nouveau");
  expect(await t.fake.overrideOf("0000:01:00.0")).toBeNull();
});

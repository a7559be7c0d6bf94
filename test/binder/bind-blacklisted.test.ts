/** A blacklisted module (modprobe -b exits 0 but loads nothing) is reported as blacklisted. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([UNBOUND_NIC], { modules: { vfio_pci: "blacklisted" } })));
afterEach(() => t.fake.cleanup());

it("finds the blacklist line in modprobe -c and says the module is blacklisted", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:06:00.0"));

  expect(await t.modprobe.calls()).toEqual(["vfio_pci"]);
  expect(report).toMatchObject({ ok: false, outcome: "failed", error: { step: "load", blacklisted: true } });
  expect(report.error?.reason).toBe(
    'module vfio_pci is blacklisted (administratively prohibited by "blacklist vfio_pci")',
  );
  expect(t.kernel.log).toEqual([]);
});

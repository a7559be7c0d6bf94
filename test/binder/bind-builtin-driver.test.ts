/**
 * A vfio driver built into the kernel (its alias in modules.builtin.modinfo)
 * is never loaded with modprobe: its driver is registered already, or the
 * bind fails saying so.
 */
import { afterEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { chainChooser } from "../helpers/chain-chooser.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario | undefined;
afterEach(() => t?.fake.cleanup());
const NIC = parsePciAddress("0000:06:00.0");
const choose = chainChooser({ builtinVfioPci: true });

it("binds to the built-in vfio-pci without running modprobe", async () => {
  t = await scenario([UNBOUND_NIC], { loaded: { vfio_pci: "vfio-pci" } });
  const report = await bindDevice(t.ctx, choose, NIC);
  expect(report).toMatchObject({ ok: true, outcome: "bound", target: { module: "vfio_pci", driver: "vfio-pci" } });
  expect(await t.modprobe.calls()).toEqual([]);
  expect(report.actions.map((a) => a.kind)).not.toContain("modprobe");
});

it("plans no modprobe in a dry run, and fails without one when the built-in driver is missing", async () => {
  t = await scenario([UNBOUND_NIC]);
  const dry = await bindDevice(t.ctx, choose, NIC, { dryRun: true });
  expect(dry).toMatchObject({ ok: true, outcome: "would-bind", target: { module: "vfio_pci", driver: "vfio-pci" } });
  expect(dry.actions.map((a) => a.kind)).not.toContain("modprobe");
  const real = await bindDevice(t.ctx, choose, NIC);
  expect(real).toMatchObject({
    ok: false,
    error: { step: "load", reason: "module vfio_pci is built into the kernel but has registered no PCI driver" },
  });
  expect(await t.modprobe.calls()).toEqual([]);
  expect(t.kernel.log).toEqual([]);
});

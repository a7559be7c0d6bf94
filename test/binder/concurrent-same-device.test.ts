/**
 * Changes of one device are serialized across processes (a lock per device
 * that the kernel drops with its process): an unbind started while a bind of
 * the same device runs waits for it and then releases what it bound. And a
 * rollback never undoes what another program did meanwhile: when the
 * device's driver_override no longer reads what this run wrote, it is left
 * as it is and the rollback says why.
 */
import { afterEach, expect, it } from "vitest";
import { bindDevice, unbindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { errno } from "../helpers/fake-kernel.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

const DEVICE = parsePciAddress(GPU.address);
let t: Scenario;
afterEach(() => t.fake.cleanup());

it("makes an unbind wait for the bind of the same device in progress", async () => {
  t = await scenario([GPU]);
  let loading: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (loading = resolve));
  const slowLoader = {
    ...t.ctx.loader,
    async load(target: string) {
      loading();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return t.ctx.loader.load(target);
    },
  };
  const bind = bindDevice({ ...t.ctx, loader: slowLoader }, t.choose, DEVICE, { force: true });
  await started;
  const unbind = unbindDevice(t.ctx, DEVICE, { force: true });

  const [bound, released] = await Promise.all([bind, unbind]);

  expect(bound.outcome).toBe("bound");
  expect(released.before?.driver).toBe("vfio-pci");
  expect(released.outcome).toBe("unbound");
  expect(await t.fake.driverOf(GPU.address)).toBe("nouveau");
  expect(await t.fake.overrideOf(GPU.address)).toBeNull();
});

it("does not roll back over a driver_override another program set meanwhile", async () => {
  t = await scenario([GPU], { loaded: { vfio_pci: "vfio-pci" } });
  const kernel = t.ctx.writer;
  const writer = {
    async write(path: Parameters<typeof kernel.write>[0], value: string) {
      if (path === "bus/pci/drivers_probe") {
        await t.fake.setOverride(GPU.address, "pci-stub");
        throw errno("EIO", path);
      }
      await kernel.write(path, value);
    },
  };

  const report = await bindDevice({ ...t.ctx, writer }, t.choose, DEVICE, { force: true });

  expect(report.error?.rollback).toBe("incomplete");
  expect(report.error?.reason).toContain(
    "driver_override is pci-stub, not what this run wrote; another program changed the device, left as it is",
  );
  expect(await t.fake.overrideOf(GPU.address)).toBe("pci-stub");
});

/**
 * A vfio module that modprobe's configuration blacklists (or disables with
 * `install MODULE /bin/false`) is refused before modprobe runs, naming the
 * file and line; one that is loaded already is used (a blacklist only stops
 * loading).
 */
import { afterEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { chainChooser } from "../helpers/chain-chooser.js";
import { MLX5_VF, type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario | undefined;
afterEach(() => t?.fake.cleanup());
const config = {
  "/etc/modprobe.d/vfio.conf": "# keep vfio away\n\nblacklist vfio-pci\n",
  "/etc/modprobe.d/mlx5.conf": "install mlx5_vfio_pci /bin/false\n",
};
const choose = chainChooser({ builtinVfioPci: false, config });

it("refuses a blacklisted vfio_pci before running modprobe, naming the line", async () => {
  t = await scenario([UNBOUND_NIC]);
  const report = await bindDevice(t.ctx, choose, parsePciAddress("0000:06:00.0"));
  expect(report).toMatchObject({ ok: false, outcome: "failed", error: { step: "load", blacklisted: true } });
  expect(report.error?.reason).toBe(
    "module vfio_pci is blacklisted by /etc/modprobe.d/vfio.conf line 3 (administratively prohibited)",
  );
  expect(await t.modprobe.calls()).toEqual([]);
  expect(t.kernel.log).toEqual([]);
});

it("refuses a variant driver an install line disables", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const report = await bindDevice(t.ctx, choose, parsePciAddress("0000:3b:00.1"));
  expect(report.error?.reason).toBe(
    'module mlx5_vfio_pci is disabled by "install mlx5_vfio_pci /bin/false" in /etc/modprobe.d/mlx5.conf line 1 (administratively prohibited)',
  );
  expect(await t.modprobe.calls()).toEqual([]);
});

it("uses a blacklisted module that is loaded already", async () => {
  t = await scenario([UNBOUND_NIC], { loaded: { vfio_pci: "vfio-pci" } });
  const report = await bindDevice(t.ctx, choose, parsePciAddress("0000:06:00.0"));
  expect(report).toMatchObject({ ok: true, outcome: "bound", target: { driver: "vfio-pci" } });
});

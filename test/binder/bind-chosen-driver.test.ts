/**
 * `--driver NAME`: that vfio driver instead of the best, only when one of NAME's own vfio_pci
 * aliases matches the device, or NAME is vfio-pci; refused otherwise, --force or not. Without
 * any vfio_pci alias matching (a kernel before 5.15), bind says so and offers vfio-pci.
 */
import { afterEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { type PciAddress, parsePciAddress } from "../../src/platform/sysfs.js";
import { MLX5_VF, type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";
import { tableChooser } from "../helpers/vfio-table.js";

const VF = parsePciAddress(MLX5_VF.address);
const NIC = parsePciAddress(UNBOUND_NIC.address);
const VF_KEY = "vfio_pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00";

let t: Scenario;
afterEach(() => t.fake.cleanup());

const asking = (address: PciAddress, driver: string) => new Map([[address, driver]]);

it("binds a device that has a variant driver to vfio-pci when asked", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const report = await bindDevice(t.ctx, t.choose, VF, { drivers: asking(VF, "vfio-pci") });

  expect(report).toMatchObject({ ok: true, outcome: "bound", target: { module: "vfio_pci", driver: "vfio-pci" } });
  expect(await t.fake.driverOf(VF)).toBe("vfio-pci");
  expect(await t.modprobe.calls()).toEqual(["vfio_pci"]);
});

it("binds a variant driver named by its module or driver name when its alias matches", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const report = await bindDevice(t.ctx, t.choose, VF, { drivers: asking(VF, "mlx5-vfio-pci") });

  expect(report).toMatchObject({ ok: true, target: { module: "mlx5_vfio_pci", driver: "mlx5_vfio_pci" } });
});

it("refuses a variant driver whose aliases do not match the device, even with --force", async () => {
  t = await scenario([UNBOUND_NIC]);
  const report = await bindDevice(t.ctx, t.choose, NIC, { drivers: asking(NIC, "mlx5_vfio_pci"), force: true });

  expect(report.outcome).toBe("refused");
  expect(report.error?.reason).toBe(
    "--driver mlx5_vfio_pci: no vfio_pci: alias of mlx5_vfio_pci matches " +
      "vfio_pci:v00008086d00001533sv00008086sd00000000bc02sc00i00 (those that do: vfio_pci; --force does not lift this)",
  );
  expect(t.kernel.log).toEqual([]);
  expect(await t.modprobe.calls()).toEqual([]);
});

it("refuses a driver that is not a vfio driver, and a name that is not one", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const host = await bindDevice(t.ctx, t.choose, VF, { drivers: asking(VF, "mlx5_core"), force: true });
  expect(host.error?.reason).toBe(
    `--driver mlx5_core: no vfio_pci: alias of mlx5_core matches ${VF_KEY} ` +
      "(those that do: mlx5_vfio_pci, vfio_pci; --force does not lift this)",
  );
  const bad = await bindDevice(t.ctx, t.choose, VF, { drivers: asking(VF, "a b") });
  expect(bad.error?.reason).toBe('--driver "a b" is not a module or driver name');
  expect(t.kernel.log).toEqual([]);
});

it("says when no vfio alias matches and offers --driver vfio-pci, which then binds", async () => {
  t = await scenario([UNBOUND_NIC]);
  const old = tableChooser("alias pci:v00008086d00001533sv*sd*bc*sc*i* igb\n");
  const report = await bindDevice(t.ctx, old, NIC);

  expect(report).toMatchObject({ ok: false, outcome: "failed", target: null, error: { step: "choose" } });
  expect(report.error?.reason).toBe(
    "no vfio driver alias matches vfio_pci:v00008086d00001533sv00008086sd00000000bc02sc00i00 " +
      "(kernels before 5.15 have no vfio_pci: aliases); " +
      "`modalias bind --driver vfio-pci 0000:06:00.0` binds it to vfio-pci, the driver for any PCI device",
  );
  const asked = await bindDevice(t.ctx, old, NIC, { drivers: asking(NIC, "vfio-pci") });
  expect(asked).toMatchObject({ ok: true, outcome: "bound", target: { module: "vfio_pci", driver: "vfio-pci" } });
});

/** A device with a vfio variant driver gets the variant, not vfio-pci. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { MLX5_VF, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([{ ...MLX5_VF, driver: undefined }])));
afterEach(() => t.fake.cleanup());

it("loads mlx5_vfio_pci for 15b3:101e and binds its driver", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("0000:3b:00.1"));

  expect(report.error).toBeNull();
  expect(report.target).toEqual({ module: "mlx5_vfio_pci", driver: "mlx5_vfio_pci" });
  expect(await t.modprobe.calls()).toEqual(["mlx5_vfio_pci"]);
  expect(t.kernel.log[0]).toEqual({ path: "bus/pci/devices/0000:3b:00.1/driver_override", value: "mlx5_vfio_pci" });
  expect(await t.fake.driverOf("0000:3b:00.1")).toBe("mlx5_vfio_pci");
});

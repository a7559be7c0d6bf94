/** Telling vfio drivers, DMA-free drivers and host drivers apart. */
import { expect, it } from "vitest";
import { driverKind } from "../../src/binder/safety.js";

it.each([
  ["vfio-pci", null, "vfio"],
  ["mlx5_vfio_pci", "mlx5_vfio_pci", "vfio"],
  ["nvgrace-gpu-vfio-pci", null, "vfio"],
  ["pci-stub", null, "no-dma"],
  ["pcieport", null, "no-dma"],
  ["nouveau", "nouveau", "host"],
  ["vfiox", null, "host"],
  [null, null, "none"],
] as const)("%s (module %s) is %s", (driver, module, kind) => {
  expect(driverKind(driver, module)).toBe(kind);
});

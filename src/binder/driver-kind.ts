/**
 * Classifying the driver a device is bound to, for the safety checks.
 *
 * - `vfio`: vfio-pci or a vfio variant driver (its name or its module's name
 *   has a `vfio` word: vfio-pci, mlx5_vfio_pci, nvgrace_gpu_vfio_pci, ...).
 * - `no-dma`: drivers the kernel lets share an IOMMU group with a vfio user
 *   because they never do DMA of their own (pci-stub, and pcieport on ports).
 * - `host`: anything else; the host is using the device.
 * - `none`: no driver bound.
 */

/** How a bound driver affects taking the device and the usability of its IOMMU group. */
export type DriverKind = "none" | "vfio" | "no-dma" | "host";

const NO_DMA = new Set(["pci-stub", "pcieport"]);
const VFIO_WORD = /(^|_)vfio(_|$)/;

/** Classifies driver `driver` (registered by module `module`, when known). */
export function driverKind(driver: string | null, module: string | null = null): DriverKind {
  if (driver === null) return "none";
  if (isVfioName(driver) || (module !== null && isVfioName(module))) return "vfio";
  if (NO_DMA.has(driver)) return "no-dma";
  return "host";
}

function isVfioName(name: string): boolean {
  return VFIO_WORD.test(name.replaceAll("-", "_"));
}

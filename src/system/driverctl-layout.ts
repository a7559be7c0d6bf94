/**
 * driverctl's layout for persistent driver overrides, which modalias shares so
 * that driverctl's udev rule and unit apply our choices where driverctl is
 * installed (and our own boot units where it is not):
 *
 * - one file per device in `/etc/driverctl.d`, named `<bus>-<device>` with
 *   the device as sysfs names it, so `pci-0000:01:00.0` for PCI;
 * - the file holds the driver name (what driver_override takes, e.g.
 *   `vfio-pci`, not the module `vfio_pci`) and a newline;
 * - an empty file is no override (driverctl skips it).
 */
import { isCanonicalPciAddress, type PciAddress } from "../binder/address.js";
import { driverName, NameError, type DriverName } from "../sysfs/names.js";

/** The directory of persisted overrides, on the target system. */
export const OVERRIDE_DIR = "/etc/driverctl.d";

const PCI_PREFIX = "pci-";

/** The file that persists the override of PCI device `a`, on the target system. */
export function overrideFile(a: PciAddress): string {
  return `${OVERRIDE_DIR}/${PCI_PREFIX}${a}`;
}

/** The file's content for driver `driver`. */
export function overrideContent(driver: DriverName): string {
  return `${driver}\n`;
}

/**
 * The PCI device an entry of the directory is for: null for entries of other
 * buses and for temporary files; throws for a `pci-` entry whose device is
 * not a canonical PCI address.
 */
export function entryDevice(name: string): PciAddress | null {
  if (!name.startsWith(PCI_PREFIX)) return null;
  const device = name.slice(PCI_PREFIX.length);
  if (!isCanonicalPciAddress(device)) throw new Error(`not a PCI address as sysfs names it: ${JSON.stringify(device)}`);
  return device;
}

/** The driver a file's text names (trailing newlines dropped, as driverctl reads it); throws when it names none. */
export function parseOverride(text: string): DriverName {
  const value = text.replace(/\n+$/, "");
  if (value === "") throw new Error("empty (no driver named)");
  try {
    return driverName(value);
  } catch (error) {
    if (error instanceof NameError) throw new Error(`holds ${JSON.stringify(value)}, not a driver name`);
    throw error;
  }
}

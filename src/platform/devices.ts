/**
 * Every device in sysfs that has a `modalias`, on every bus (pci, usb, acpi, platform, of,
 * hid, virtio, ...), as mkinitcpio's autodetect and dracut's host-only mode find them: one walk
 * of `bus/<bus>/devices/<name>`, reading each device's modalias and the driver bound to it.
 *
 * A bus or a device that vanishes during the walk is skipped (devices come and go); a name
 * that is not a plain path component is never joined to a path. Devices come out in a stable
 * order: by bus, then by name.
 */
import { busDeviceEntry, busDevices, buses, type PathComponent, pathComponent, type SysfsReader } from "./sysfs.js";

/** One device with a modalias. */
export interface SysfsDevice {
  bus: string;
  /** Its name under `bus/<bus>/devices` (a PCI address for pci). */
  name: string;
  modalias: string;
  /** The driver bound to it, or null. */
  driver: string | null;
}

/** How many devices are read at once: enough to hide the latency of each read, few enough for a small machine. */
const PARALLEL = 64;

/** Every device with a non-empty modalias, on the buses named (all when `only` is null). */
export async function listDevices(sysfs: SysfsReader, only: ReadonlySet<string> | null = null): Promise<SysfsDevice[]> {
  const found: SysfsDevice[] = [];
  for (const bus of (await sysfs.list(buses())) ?? []) {
    const busName = component(bus);
    if (busName === null || (only !== null && !only.has(bus))) continue;
    const names = ((await sysfs.list(busDevices(busName))) ?? []).flatMap((name) => {
      const checked = component(name);
      return checked === null ? [] : [checked];
    });
    for (let at = 0; at < names.length; at += PARALLEL) {
      const batch = await Promise.all(names.slice(at, at + PARALLEL).map((name) => readDevice(sysfs, busName, name)));
      for (const device of batch) if (device !== null) found.push(device);
    }
  }
  return found;
}

async function readDevice(sysfs: SysfsReader, bus: PathComponent, name: PathComponent): Promise<SysfsDevice | null> {
  const modalias = await sysfs.attr(busDeviceEntry(bus, name, "modalias"));
  if (modalias === null || modalias === "") return null;
  const driver = await sysfs.linkName(busDeviceEntry(bus, name, "driver"));
  return { bus, name, modalias, driver };
}

function component(name: string): PathComponent | null {
  try {
    return pathComponent(name);
  } catch {
    return null;
  }
}

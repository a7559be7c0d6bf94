/**
 * Every device in sysfs that has a `modalias`, on every bus (pci, usb, acpi, platform, of,
 * hid, virtio, ...), as mkinitcpio's autodetect and dracut's host-only mode find them: one walk
 * of `bus/<bus>/devices/<name>`, reading each device's modalias and the driver bound to it.
 *
 * The walk is synchronous: a host has thousands of devices and each costs a few system calls
 * of microseconds (find the device's directory, open, fstat, read, close its modalias, read its
 * `driver` link), where a hop to libuv's thread pool for each would cost more than the call.
 * Nothing in it can block: attributes are opened non-blocking and read only once fstat on the
 * opened file says it is regular, at most a page (files/fs.ts, readBoundedSync).
 *
 * A device's link (and each bus's `devices` directory) must resolve inside the sysfs root, as
 * the kernel's do; one that leads out is refused, naming it, and so is a `modalias` that is not
 * a regular file, or is a link. A bus or a device that vanishes during the walk (ENOENT,
 * ENOTDIR, or ENODEV from an attribute of a device being removed) is skipped; a name that is
 * not a plain path component is never joined to a path. Devices come out in a stable order: by
 * bus, then by name.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import { basename } from "node:path";
import {
  errnoOf,
  fileError,
  type ListedDirectory,
  PAGE_LIMIT,
  readBoundedSync,
  realpathInsideSync,
} from "../files/fs.js";
import { attrText, busDevices, buses, type PathComponent, pathComponent, type SysfsReader } from "./sysfs.js";

/** One device with a modalias. */
export interface SysfsDevice {
  bus: string;
  /** Its name under `bus/<bus>/devices` (a PCI address for pci). */
  name: string;
  modalias: string;
  /** The driver bound to it, or null. */
  driver: string | null;
}

/** Every device with a non-empty modalias, on the buses named (all when `only` is null). */
export function listDevices(sysfs: SysfsReader, only: ReadonlySet<string> | null = null): SysfsDevice[] {
  const { root } = sysfs;
  const top = gone(root, () => realpathSync.native(root));
  if (top === null) return [];
  const dirs = new Map<string, ListedDirectory>();
  const found: SysfsDevice[] = [];
  for (const bus of entries(sysfs.abs(buses())) ?? []) {
    const busName = component(bus);
    if (busName === null || (only !== null && !only.has(bus))) continue;
    const dir = sysfs.abs(busDevices(busName));
    if (gone(dir, () => realpathInsideSync(root, top, dir, dirs)) === null) continue;
    for (const name of entries(dir) ?? []) {
      const link = `${dir}/${name}`;
      const inside = component(name) !== null && gone(link, () => realpathInsideSync(root, top, link, dirs)) !== null;
      const device = inside ? readDevice(bus, name, link) : null;
      if (device !== null) found.push(device);
    }
  }
  return found;
}

/** The device behind the link `link` (checked), or null when it has no modalias or is gone. */
function readDevice(bus: string, name: string, link: string): SysfsDevice | null {
  // Read through the link, so that messages name the device as sysfs lists it. Paths are joined
  // by hand: every part is a checked component, and path.join's normalizing is dear at this count.
  const file = `${link}/modalias`;
  const modalias = gone(file, () => attrText(readBoundedSync(file, PAGE_LIMIT, { noFollow: true })));
  if (modalias === null || modalias === "") return null;
  const driverLink = `${link}/driver`;
  // lstat first: many devices have no driver, and lstat reports a missing link without the cost of a throw.
  const driver = gone(driverLink, () =>
    lstatSync(driverLink, { throwIfNoEntry: false }) === undefined ? null : basename(readlinkSync(driverLink)),
  );
  return { bus, name, modalias, driver };
}

/** A directory's entries, sorted, or null when it is gone. */
function entries(dir: string): string[] | null {
  return gone(dir, () => readdirSync(dir).sort());
}

/**
 * What `read` returns, or null when `path`, what it reads, has vanished (or never was); any
 * other failure is thrown as a FileError naming it.
 */
function gone<T>(path: string, read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    const code = errnoOf(error);
    if (code === "ENOENT" || code === "ENOTDIR" || code === "ENODEV") return null;
    throw fileError(path, error);
  }
}

function component(name: string): PathComponent | null {
  try {
    return pathComponent(name);
  } catch {
    return null;
  }
}

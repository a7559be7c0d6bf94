/**
 * Facts about one PCI device read from sysfs: modalias, ids, the driver bound
 * to it, its driver_override, and its IOMMU group with each member's driver.
 */
import type { PciAddress } from "../binder/address.js";
import { errnoOf } from "../io/errors.js";
import { driverName, groupNumber, pathComponent, type DriverName, type PathComponent } from "./names.js";
import { deviceEntry, device, groupDevices, groupMemberDriver } from "./paths.js";
import type { SysfsReader } from "./reader.js";

/** Raised when the device does not exist or vanished while being read. */
export class DeviceGoneError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "DeviceGoneError";
  }
}

/** Which driver holds the device and which driver it is pinned to. */
export interface Binding {
  /** The bound driver, or null when no driver holds the device. */
  driver: DriverName | null;
  /** The driver_override value, or null when none is set. */
  override: string | null;
}

/** One device in an IOMMU group and the driver bound to it. */
export interface GroupMember {
  device: PathComponent;
  driver: DriverName | null;
}

/** An IOMMU group: its number and every member. */
export interface IommuGroup {
  number: string;
  members: GroupMember[];
}

/** Throws DeviceGoneError unless the device directory exists. */
export async function requireDevice(r: SysfsReader, a: PciAddress): Promise<void> {
  if (!(await r.exists(device(a))))
    throw new DeviceGoneError(`no such PCI device (${r.abs(device(a))} does not exist)`);
}

/** The device's modalias, e.g. `pci:v000015B3d0000101E...`. */
export async function readModalias(r: SysfsReader, a: PciAddress): Promise<string> {
  await requireDevice(r, a);
  const path = deviceEntry(a, "modalias");
  let text: string | null;
  try {
    text = await r.attr(path);
  } catch (err) {
    if (errnoOf(err) === "ENODEV") throw new DeviceGoneError(`device is gone (ENODEV reading ${r.abs(path)})`);
    throw err;
  }
  if (text === null) throw new DeviceGoneError(`device is gone (${r.abs(path)} does not exist)`);
  return text.trim();
}

/** The device's vendor and device ids as four lowercase hex digits each, e.g. `15b3:101e`. */
export async function readIds(r: SysfsReader, a: PciAddress): Promise<string | null> {
  const vendor = await r.attr(deviceEntry(a, "vendor"));
  const dev = await r.attr(deviceEntry(a, "device"));
  if (vendor === null || dev === null) return null;
  return `${hex4(vendor)}:${hex4(dev)}`;
}

/** The current driver and driver_override of the device. */
export async function readBinding(r: SysfsReader, a: PciAddress): Promise<Binding> {
  await requireDevice(r, a);
  const link = await r.linkName(deviceEntry(a, "driver"));
  const raw = await r.attr(deviceEntry(a, "driver_override"));
  const override = raw === null || raw.trim() === "" || raw.trim() === "(null)" ? null : raw.trim();
  return { driver: link === null ? null : driverName(link), override };
}

/** Like readBinding, but null when the binding cannot be read (the device is gone). */
export async function readBindingOrNull(r: SysfsReader, a: PciAddress): Promise<Binding | null> {
  try {
    return await readBinding(r, a);
  } catch {
    return null;
  }
}

/** The device's IOMMU group, or null when it has none (IOMMU off or not translated). */
export async function readGroup(r: SysfsReader, a: PciAddress): Promise<IommuGroup | null> {
  const link = await r.linkName(deviceEntry(a, "iommu_group"));
  if (link === null) return null;
  const number = groupNumber(link);
  const names = (await r.list(groupDevices(number))) ?? [];
  const members: GroupMember[] = [];
  for (const name of names) {
    const member = pathComponent(name);
    const drv = await r.linkName(groupMemberDriver(number, member));
    members.push({ device: member, driver: drv === null ? null : driverName(drv) });
  }
  return { number, members };
}

function hex4(text: string): string {
  return text.trim().toLowerCase().replace(/^0x/, "").padStart(4, "0");
}

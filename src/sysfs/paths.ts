/**
 * Paths inside sysfs, relative to its root, built only from validated names.
 *
 * Nothing else in the binder builds a sysfs path, so every path it reads or
 * writes comes from here and carries only checked components.
 */
import type { PciAddress } from "../binder/address.js";
import type { DriverName, ModuleName, PathComponent } from "./names.js";

/** A path relative to the sysfs root, e.g. `bus/pci/drivers_probe`. */
export type SysfsPath = string & { readonly __brand: "SysfsPath" };

/** Attributes and links of a PCI device directory the binder uses. */
export type DeviceEntry =
  "modalias" | "vendor" | "device" | "driver_override" | "driver" | "driver/unbind" | "iommu_group";

const p = (s: string): SysfsPath => s as SysfsPath;

/** `bus/pci/devices`: one link per PCI device. */
export const pciDevices = (): SysfsPath => p("bus/pci/devices");
/** `bus/pci/devices/<address>`. */
export const device = (a: PciAddress): SysfsPath => p(`bus/pci/devices/${a}`);
/** An attribute or link of a device. */
export const deviceEntry = (a: PciAddress, e: DeviceEntry): SysfsPath => p(`bus/pci/devices/${a}/${e}`);

/** `bus/pci/drivers/<driver>/bind`. */
export const driverBind = (d: DriverName): SysfsPath => p(`bus/pci/drivers/${d}/bind`);
/** `bus/pci/drivers/<driver>/module`: link to the module that registered it. */
export const driverModule = (d: DriverName): SysfsPath => p(`bus/pci/drivers/${d}/module`);
/** `bus/pci/drivers_probe`: writing an address asks the bus to find a driver for it. */
export const driversProbe = (): SysfsPath => p("bus/pci/drivers_probe");

/** `module/<module>/drivers`: holds `<bus>:<driver>` links once the module is loaded. */
export const moduleDrivers = (m: ModuleName): SysfsPath => p(`module/${m}/drivers`);

/** `kernel/iommu_groups/<n>/devices`: one link per member. */
export const groupDevices = (n: PathComponent): SysfsPath => p(`kernel/iommu_groups/${n}/devices`);
/** The driver link of an IOMMU group member. */
export const groupMemberDriver = (n: PathComponent, member: PathComponent): SysfsPath =>
  p(`kernel/iommu_groups/${n}/devices/${member}/driver`);

/** `class/net`: one link per network interface. */
export const classNet = (): SysfsPath => p("class/net");
/** `class/net/<iface>`. */
export const netDevice = (iface: PathComponent): SysfsPath => p(`class/net/${iface}`);
/** `class/net/<iface>/master`: the bridge or bond the interface is enslaved to. */
export const netMaster = (iface: PathComponent): SysfsPath => p(`class/net/${iface}/master`);

/** `class/block`: one link per disk and partition. */
export const classBlock = (): SysfsPath => p("class/block");
/** `class/block/<name>`. */
export const blockDevice = (name: PathComponent): SysfsPath => p(`class/block/${name}`);
/** `class/block/<name>/holders`: device-mapper, md and similar devices stacked on it. */
export const blockHolders = (name: PathComponent): SysfsPath => p(`class/block/${name}/holders`);
/** `class/block/<name>/dm/name`: a device-mapper device's name under /dev/mapper. */
export const blockDmName = (name: PathComponent): SysfsPath => p(`class/block/${name}/dm/name`);

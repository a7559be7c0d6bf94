/**
 * Facts about one PCI device read from sysfs: modalias, ids, the driver bound
 * to it, its driver_override, and its IOMMU group with each member's driver.
 *
 * Reading sysfs under a configurable root: attributes, link names, directories.
 *
 * Absence (ENOENT) is an answer, not an error: the helpers return null. Any
 * other failure (ENODEV from a device being unplugged, EACCES, ...) is thrown
 * for the caller to report.
 *
 * Writing sysfs attributes.
 *
 * The binder writes through the SysfsWriter interface so that a caller (or a
 * test standing in for the kernel) can observe or replace the writes. The
 * default writer does what `echo value > file` does, minus creating the file:
 * one write(2) of the whole value on a file opened O_WRONLY|O_TRUNC, so a
 * missing attribute fails with ENOENT instead of being created.
 *
 * Paths inside sysfs, relative to its root, built only from validated names.
 *
 * Nothing else in the binder builds a sysfs path, so every path it reads or
 * writes comes from here and carries only checked components.
 *
 * Validated names that may be joined onto a sysfs or procfs path.
 *
 * Every name read from the system (a symlink target's basename, a directory
 * entry) or received from the alias index passes through one of these checks
 * before it becomes a path component, so no `/`, `.` or `..` can slip through.
 *
 * Drivers and the modules behind them, as sysfs shows them.
 *
 * A loaded module lists the drivers it registered as `module/<m>/drivers/<bus>:<driver>`;
 * a registered PCI driver has `bus/pci/drivers/<driver>` with a `module` link back.
 *
 * PCI addresses: parsing user input into the canonical form sysfs uses.
 *
 * Accepted: `DDDD:BB:DD.F` with a hex domain of 4 to 8 digits (VMD domains are
 * 10000 and up), or the `BB:DD.F` shorthand for domain 0000. Device is at most
 * 1f and function at most 7. The result is lowercase, with the domain printed
 * as the kernel prints it (`%04x`). Anything else is rejected, so a parsed
 * address is always safe to use as a single path component.
 */
import { constants, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { errnoOf, openInside, PAGE_LIMIT, readBoundedSync } from "../files/fs.js";
import { isModuleName, underscoreDashes } from "../kmod/normalize.js";

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
export async function requireDevice(sysfs: SysfsReader, address: PciAddress): Promise<void> {
  if (!(await sysfs.exists(device(address))))
    throw new DeviceGoneError(`no such PCI device (${sysfs.abs(device(address))} does not exist)`);
}

/** The device's modalias, e.g. `pci:v000015B3d0000101E...`. */
export async function readModalias(sysfs: SysfsReader, address: PciAddress): Promise<string> {
  await requireDevice(sysfs, address);
  const path = deviceEntry(address, "modalias");
  let text: string | null;
  try {
    text = await sysfs.attr(path);
  } catch (err) {
    if (errnoOf(err) === "ENODEV") throw new DeviceGoneError(`device is gone (ENODEV reading ${sysfs.abs(path)})`);
    throw err;
  }
  if (text === null) throw new DeviceGoneError(`device is gone (${sysfs.abs(path)} does not exist)`);
  return text.trim();
}

/** The device's vendor and device ids as four lowercase hex digits each, e.g. `15b3:101e`; null when unreadable. */
export async function readIds(sysfs: SysfsReader, address: PciAddress): Promise<string | null> {
  const vendor = hex4(await sysfs.attr(deviceEntry(address, "vendor")));
  const dev = hex4(await sysfs.attr(deviceEntry(address, "device")));
  return vendor === null || dev === null ? null : `${vendor}:${dev}`;
}

/** The current driver and driver_override of the device. */
export async function readBinding(sysfs: SysfsReader, address: PciAddress): Promise<Binding> {
  await requireDevice(sysfs, address);
  const link = await sysfs.linkName(deviceEntry(address, "driver"));
  const raw = await sysfs.attr(deviceEntry(address, "driver_override"));
  const value = raw?.trim() ?? "";
  const override = value === "" || value === "(null)" ? null : driverName(value);
  return { driver: link === null ? null : driverName(link), override };
}

/** Like readBinding, but null when the binding cannot be read (the device is gone). */
export async function readBindingOrNull(sysfs: SysfsReader, address: PciAddress): Promise<Binding | null> {
  try {
    return await readBinding(sysfs, address);
  } catch {
    return null;
  }
}

/** The device's IOMMU group, or null when it has none (IOMMU off or not translated). */
export async function readGroup(sysfs: SysfsReader, address: PciAddress): Promise<IommuGroup | null> {
  const link = await sysfs.linkName(deviceEntry(address, "iommu_group"));
  if (link === null) return null;
  const number = groupNumber(link);
  const names = (await sysfs.list(groupDevices(number))) ?? [];
  const members: GroupMember[] = [];
  for (const name of names) {
    const member = pathComponent(name);
    const drv = await sysfs.linkName(groupMemberDriver(number, member));
    members.push({ device: member, driver: drv === null ? null : driverName(drv) });
  }
  return { number, members };
}

/** Whether the kernel has any IOMMU group: none when the IOMMU is off or missing. */
export async function hasIommuGroups(sysfs: SysfsReader): Promise<boolean> {
  return ((await sysfs.list(iommuGroups())) ?? []).length > 0;
}

const CONSUMER = "consumer:pci:";

/**
 * The PCI devices that device `address` supplies through a device link (a GPU's HD-audio
 * function): its `consumer:pci:ADDRESS` entries, links into `devices/virtual/devlink/`.
 */
export async function pciConsumers(sysfs: SysfsReader, address: PciAddress): Promise<PciAddress[]> {
  const names = (await sysfs.list(device(address))) ?? [];
  return names.flatMap((name) => {
    const consumer = name.startsWith(CONSUMER) ? name.slice(CONSUMER.length) : "";
    return isCanonicalPciAddress(consumer) ? [consumer] : [];
  });
}

/** An id attribute (`0x15b3`) as four lowercase hex digits, or null when it is not one. */
function hex4(text: string | null): string | null {
  const m = /^(?:0x)?([0-9a-f]{1,4})$/.exec(text?.trim().toLowerCase() ?? "");
  return m === null ? null : (m[1] ?? "").padStart(4, "0");
}

/**
 * Reads a sysfs tree rooted at `root` (normally `/sys`). Every read is synchronous: a sysfs
 * read takes microseconds and an attribute is a regular file (checked as files/fs.ts,
 * readBoundedSync, checks it), where a hop to the thread pool costs more than the read and
 * a command reading one device waits for each answer anyway. The methods return promises
 * for the callers, which read one step after another.
 */
export class SysfsReader {
  constructor(readonly root: string) {}

  /** The absolute path of `path`, for messages and for the default writer. */
  abs(path: SysfsPath): string {
    return join(this.root, path);
  }

  /** An attribute's text without its trailing newline, or null when it does not exist. At most a page, never blocking. */
  async attr(path: SysfsPath): Promise<string | null> {
    return this.attrSync(path);
  }

  /** attr without a promise, for walks over thousands of attributes. */
  attrSync(path: SysfsPath): string | null {
    return absentAsNull(() => attrText(readBoundedSync(this.abs(path), PAGE_LIMIT)));
  }

  /** The last component of a symlink's target (a driver or group name), or null when there is no link. */
  async linkName(path: SysfsPath): Promise<string | null> {
    return absentAsNull(() => basename(readlinkSync(this.abs(path))));
  }

  /** The entries of a directory, sorted, or null when it does not exist. */
  async list(path: SysfsPath): Promise<string[] | null> {
    return absentAsNull(() => readdirSync(this.abs(path)).sort());
  }

  /** Whether `path` exists (following links). */
  async exists(path: SysfsPath): Promise<boolean> {
    return absentAsNull(() => statSync(this.abs(path))) !== null;
  }

  /** The canonical absolute path `path` resolves to, or null when it does not exist. */
  async resolve(path: SysfsPath): Promise<string | null> {
    return absentAsNull(() => realpathSync.native(this.abs(path)));
  }
}

/** What `read` returns, or null when what it reads is not there. */
function absentAsNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch (err) {
    if (isAbsent(err)) return null;
    throw err;
  }
}

/** Whether a failure says the file is not there (the helpers' null). */
function isAbsent(err: unknown): boolean {
  return errnoOf(err) === "ENOENT" || errnoOf(err) === "ENOTDIR";
}

/** An attribute's bytes as text, without the newline the kernel ends it with. */
export function attrText(bytes: Buffer): string {
  return bytes.toString("utf8").replace(/\n$/, "");
}

/** Performs one sysfs write. Throws the system error unchanged on failure. */
export interface SysfsWriter {
  write(path: SysfsPath, value: string): Promise<void>;
}

/**
 * The real writer for a sysfs tree rooted at `root`: the attribute is found
 * inside the root (links followed only while they stay inside it) and must be
 * a regular file, as every sysfs attribute is (files/fs.ts, openInside).
 */
export function fsWriter(root: string): SysfsWriter {
  return {
    async write(path, value) {
      const handle = await openInside(root, join(root, path), constants.O_WRONLY | constants.O_TRUNC);
      try {
        const data = Buffer.from(value, "utf8");
        const { bytesWritten } = await handle.write(data, 0, data.length, null);
        if (bytesWritten !== data.length) {
          throw new Error(`short write: ${bytesWritten} of ${data.length} bytes`);
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/** A path relative to the sysfs root, e.g. `bus/pci/drivers_probe`. */
export type SysfsPath = string & { readonly __brand: "SysfsPath" };

/** Attributes and links of a PCI device directory the binder uses. */
export type DeviceEntry =
  | "modalias"
  | "vendor"
  | "device"
  | "driver_override"
  | "driver"
  | "driver/unbind"
  | "iommu_group";

const p = (s: string): SysfsPath => s as SysfsPath;

/** `bus`: one directory per bus. */
export const buses = (): SysfsPath => p("bus");
/** `bus/<bus>/devices`: one link per device on the bus. */
export const busDevices = (bus: PathComponent): SysfsPath => p(`bus/${bus}/devices`);
/** `bus/<bus>/devices/<name>/<entry>`: an attribute or link of any bus's device. */
export const busDeviceEntry = (bus: PathComponent, name: PathComponent, entry: "modalias" | "driver"): SysfsPath =>
  p(`bus/${bus}/devices/${name}/${entry}`);
/** `module`: one directory per loaded module (and per built-in module with parameters or a version). */
export const modulesDir = (): SysfsPath => p("module");
/** `module/<module>/initstate`: `live` once a loadable module is loaded (built-in modules have none). */
export const moduleInitstate = (module: ModuleName): SysfsPath => p(`module/${module}/initstate`);
/** `bus/pci/devices`: one link per PCI device. */
export const pciDevices = (): SysfsPath => p("bus/pci/devices");
/** `bus/pci/devices/<address>`. */
export const device = (address: PciAddress): SysfsPath => p(`bus/pci/devices/${address}`);
/** An attribute or link of a device. */
export const deviceEntry = (address: PciAddress, e: DeviceEntry): SysfsPath => p(`bus/pci/devices/${address}/${e}`);

/** `bus/pci/drivers/<driver>/bind`. */
export const driverBind = (driver: DriverName): SysfsPath => p(`bus/pci/drivers/${driver}/bind`);
/** `bus/pci/drivers/<driver>/module`: link to the module that registered it. */
export const driverModule = (driver: DriverName): SysfsPath => p(`bus/pci/drivers/${driver}/module`);
/** `bus/pci/drivers_probe`: writing an address asks the bus to find a driver for it. */
export const driversProbe = (): SysfsPath => p("bus/pci/drivers_probe");

/** `module/<module>/drivers`: holds `<bus>:<driver>` links once the module is loaded. */
export const moduleDrivers = (module: ModuleName): SysfsPath => p(`module/${module}/drivers`);

/** `kernel/iommu_groups`: one directory per IOMMU group; empty or absent when the IOMMU is off. */
export const iommuGroups = (): SysfsPath => p("kernel/iommu_groups");
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

/** A kernel driver name, e.g. `vfio-pci` or `mlx5_core`. */
export type DriverName = string & { readonly __brand: "DriverName" };
/** A kernel module name in depmod's spelling (`_`, never `-`), e.g. `vfio_pci`. */
export type ModuleName = string & { readonly __brand: "ModuleName" };
/** Any other single path component read from the system (interface, disk, group member). */
export type PathComponent = string & { readonly __brand: "PathComponent" };

/** Raised for a name that cannot be used as a path component. */
export class NameError extends Error {
  constructor(kind: string, value: string) {
    super(`invalid ${kind} name ${quoted(value)}`);
    this.name = "NameError";
  }
}

/** `value` in double quotes with every character outside printable ASCII escaped, so that it prints safely. */
export function quoted(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Checks a driver name: a single path component of printable ASCII (the
 * kernel's PCI drivers are named by C string literals such as `vfio-pci` or
 * `cx88-mpeg driver manager`; driver_override stops at a newline), so that
 * it can be written to driver_override and printed as it is.
 */
export function driverName(value: string): DriverName {
  if (!isComponent(value) || !/^[\x20-\x7e]+$/.test(value)) throw new NameError("driver", value);
  return value as DriverName;
}

/** Checks a module name (kmod's rule) and returns it with `-` turned into `_`, as depmod and sysfs spell it. */
export function moduleName(value: string): ModuleName {
  if (!isModuleName(value) || value.length > 255) throw new NameError("module", value);
  return underscoreDashes(value) as ModuleName;
}

/** Checks a single path component: non-empty, no `/` or control character, not `.` or `..`. */
export function pathComponent(value: string): PathComponent {
  if (!isComponent(value)) throw new NameError("path component", value);
  return value as PathComponent;
}

/** Checks an IOMMU group number (a decimal directory name). */
export function groupNumber(value: string): PathComponent {
  if (!/^[0-9]{1,10}$/.test(value)) throw new NameError("IOMMU group", value);
  return value as PathComponent;
}

function isComponent(value: string): boolean {
  return value !== "" && value !== "." && value !== ".." && !/[/\p{Cc}]/u.test(value) && value.length <= 255;
}

/** The PCI drivers module `m` has registered (empty when it is not loaded). */
export async function pciDriversOf(sysfs: SysfsReader, module: ModuleName): Promise<DriverName[]> {
  const entries = (await sysfs.list(moduleDrivers(module))) ?? [];
  return entries.filter((e) => e.startsWith("pci:")).map((e) => driverName(e.slice("pci:".length)));
}

/** The module that registered driver `d`, or null when sysfs does not say (some built-in drivers). */
export async function moduleOf(sysfs: SysfsReader, driver: DriverName): Promise<ModuleName | null> {
  const link = await sysfs.linkName(driverModule(driver));
  return link === null ? null : moduleName(link);
}

/** A validated, canonical PCI address such as `0000:01:00.0`. */
export type PciAddress = string & { readonly __brand: "PciAddress" };

/** Raised for input that is not a PCI address. */
export class AddressError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(reason);
    this.name = "AddressError";
  }
}

const ADDRESS = /^(?:([0-9a-f]{4,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-9a-f])$/i;

/** Parses `input` into a canonical address, or throws an AddressError that says why not. */
export function parsePciAddress(input: string): PciAddress {
  const m = ADDRESS.exec(input);
  if (m === null) {
    throw new AddressError(input, "not a PCI address (expected DDDD:BB:DD.F or BB:DD.F, hex)");
  }
  const [, domain = "0000", bus = "", slot = "", fn = ""] = m;
  if (Number.parseInt(slot, 16) > 0x1f) {
    throw new AddressError(input, `device number ${slot} is out of range (00-1f)`);
  }
  if (Number.parseInt(fn, 16) > 7) {
    throw new AddressError(input, `function number ${fn} is out of range (0-7)`);
  }
  const dom = Number.parseInt(domain, 16).toString(16).padStart(4, "0");
  return `${dom}:${bus}:${slot}.${fn}`.toLowerCase() as PciAddress;
}

/** True when `name` is already a canonical PCI address (as sysfs lists them). */
export function isCanonicalPciAddress(name: string): name is PciAddress {
  try {
    return parsePciAddress(name) === name;
  } catch {
    return false;
  }
}

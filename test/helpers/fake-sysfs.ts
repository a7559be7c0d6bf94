/**
 * A fake sysfs (and procfs) tree in a temporary directory, laid out as the
 * kernel lays them out: devices under devices/pci<domain>:<bus>/, reached
 * through bus/pci/devices links; drivers under bus/pci/drivers with bind and
 * unbind files; driver, iommu_group and module links; IOMMU groups under
 * kernel/iommu_groups. Regular files stand in for write-only attributes.
 */
import { mkdir, mkdtemp, readFile, readlink, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

/** A device to create. Ids are four hex digits; classCode is six (class, subclass, prog-if). */
export interface DeviceSpec {
  address: string;
  vendor: string;
  device: string;
  subVendor?: string;
  subDevice?: string;
  classCode?: string;
  /** The driver bound now (must have been added with addDriver). */
  driver?: string;
  /** The driver a plain probe picks (defaults to `driver`). */
  hostDriver?: string;
  override?: string;
  group?: number;
  /** Network interfaces the device has (created as net/<name>, linked from class/net). */
  net?: string[];
  /** Disks below the device (created as nvme/nvme0/<name>), each may list partitions. */
  disks?: Record<string, string[]>;
  /** Devices this one supplies through a device link (`consumer:pci:<address>`, as a GPU its audio function). */
  consumers?: string[];
}

const hex8 = (h: string): string => h.toUpperCase().padStart(8, "0");

/** A fake /sys and /proc. */
export class FakeSysfs {
  /** Plain probes pick these drivers, by device address. */
  readonly hostDrivers = new Map<string, string>();

  private constructor(
    readonly base: string,
    readonly sys: string,
    readonly proc: string,
  ) {}

  /** Creates an empty tree with the PCI bus and an empty routing table. */
  static async create(): Promise<FakeSysfs> {
    const base = await mkdtemp(join(tmpdir(), "modalias-binder-"));
    const fake = new FakeSysfs(base, join(base, "sys"), join(base, "proc"));
    await mkdir(join(fake.sys, "bus/pci/devices"), { recursive: true });
    await mkdir(join(fake.sys, "bus/pci/drivers"), { recursive: true });
    await mkdir(join(fake.sys, "class/block"), { recursive: true });
    await mkdir(join(fake.sys, "class/net"), { recursive: true });
    await writeFile(join(fake.sys, "bus/pci/drivers_probe"), "");
    await mkdir(join(fake.proc, "net"), { recursive: true });
    await mkdir(join(fake.proc, "self"), { recursive: true });
    await writeFile(
      join(fake.proc, "net/route"),
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n",
    );
    await writeFile(join(fake.proc, "net/ipv6_route"), "");
    await writeFile(join(fake.proc, "self/mounts"), "proc /proc proc rw 0 0\n");
    await writeFile(join(fake.proc, "swaps"), "Filename\tType\tSize\tUsed\tPriority\n");
    return fake;
  }

  /** Removes the tree. */
  async cleanup(): Promise<void> {
    await rm(this.base, { recursive: true, force: true });
  }

  /** Registers PCI driver `name`, and links it with `module` when given (as a loaded module does). */
  async addDriver(name: string, module?: string): Promise<void> {
    const dir = join(this.sys, "bus/pci/drivers", name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "bind"), "");
    await writeFile(join(dir, "unbind"), "");
    if (module !== undefined) {
      await mkdir(join(this.sys, "module", module, "drivers"), { recursive: true });
      await this.link(join(this.sys, "module", module, "drivers", `pci:${name}`), dir);
      await this.link(join(dir, "module"), join(this.sys, "module", module));
    }
  }

  /** The real directory of device `address`. */
  deviceDir(address: string): string {
    const [domain, bus] = address.split(":");
    return join(this.sys, "devices", `pci${domain}:${bus}`, address);
  }

  /** Creates a device, bound to `spec.driver` if given. */
  async addDevice(spec: DeviceSpec): Promise<void> {
    const dir = this.deviceDir(spec.address);
    await mkdir(dir, { recursive: true });
    const cls = spec.classCode ?? "020000";
    const modalias =
      `pci:v${hex8(spec.vendor)}d${hex8(spec.device)}sv${hex8(spec.subVendor ?? spec.vendor)}sd${hex8(spec.subDevice ?? "0000")}` +
      `bc${cls.slice(0, 2).toUpperCase()}sc${cls.slice(2, 4).toUpperCase()}i${cls.slice(4, 6).toUpperCase()}`;
    await writeFile(join(dir, "modalias"), `${modalias}\n`);
    await writeFile(join(dir, "vendor"), `0x${spec.vendor.toLowerCase()}\n`);
    await writeFile(join(dir, "device"), `0x${spec.device.toLowerCase()}\n`);
    await writeFile(join(dir, "driver_override"), `${spec.override ?? "(null)"}\n`);
    await this.link(join(this.sys, "bus/pci/devices", spec.address), dir);
    if (spec.group !== undefined) {
      const groupDir = join(this.sys, "kernel/iommu_groups", String(spec.group), "devices");
      await mkdir(groupDir, { recursive: true });
      await this.link(join(groupDir, spec.address), dir);
      await this.link(join(dir, "iommu_group"), dirname(groupDir));
    }
    for (const iface of spec.net ?? []) {
      await mkdir(join(dir, "net", iface), { recursive: true });
      await this.link(join(this.sys, "class/net", iface), join(dir, "net", iface));
    }
    for (const [disk, parts] of Object.entries(spec.disks ?? {})) {
      for (const name of [disk, ...parts.map((p) => join(disk, p))]) {
        const node = join(dir, "nvme/nvme0", name);
        await mkdir(join(node, "holders"), { recursive: true });
        await this.link(join(this.sys, "class/block", name.split("/").pop() ?? name), node);
      }
    }
    for (const consumer of spec.consumers ?? []) {
      const link = join(this.sys, "devices/virtual/devlink", `pci:${spec.address}--pci:${consumer}`);
      await mkdir(link, { recursive: true });
      await writeFile(join(link, "status"), "active\n");
      await this.link(join(dir, `consumer:pci:${consumer}`), link);
    }
    const host = spec.hostDriver ?? spec.driver;
    if (host !== undefined) this.hostDrivers.set(spec.address, host);
    if (spec.driver !== undefined) await this.bindLink(spec.address, spec.driver);
  }

  /** Binds device `address` to `driver` (the links the kernel creates). */
  async bindLink(address: string, driver: string): Promise<void> {
    const drvDir = join(this.sys, "bus/pci/drivers", driver);
    await this.link(join(this.deviceDir(address), "driver"), drvDir);
    await this.link(join(drvDir, address), this.deviceDir(address));
  }

  /** Unbinds device `address` from whatever driver holds it. */
  async unbindLink(address: string): Promise<void> {
    const driver = await this.driverOf(address);
    if (driver === null) return;
    await unlink(join(this.deviceDir(address), "driver"));
    await unlink(join(this.sys, "bus/pci/drivers", driver, address));
  }

  /** The driver bound to `address`, or null. */
  async driverOf(address: string): Promise<string | null> {
    try {
      return (await readlink(join(this.deviceDir(address), "driver"))).split("/").pop() ?? null;
    } catch {
      return null;
    }
  }

  /** The driver_override of `address`, or null when unset. */
  async overrideOf(address: string): Promise<string | null> {
    const text = (await readFile(join(this.deviceDir(address), "driver_override"), "utf8")).trim();
    return text === "(null)" ? null : text;
  }

  /** Sets driver_override as the kernel stores it. */
  async setOverride(address: string, value: string | null): Promise<void> {
    await writeFile(join(this.deviceDir(address), "driver_override"), `${value ?? "(null)"}\n`);
  }

  /** Whether PCI driver `name` is registered. */
  async hasDriver(name: string): Promise<boolean> {
    try {
      await readFile(join(this.sys, "bus/pci/drivers", name, "bind"));
      return true;
    } catch {
      return false;
    }
  }

  /** Replaces a procfs file's text. */
  async setProc(file: string, text: string): Promise<void> {
    await writeFile(join(this.proc, file), text);
  }

  /** Appends text to a procfs file. */
  async appendProc(file: string, text: string): Promise<void> {
    const path = join(this.proc, file);
    await writeFile(path, (await readFile(path, "utf8")) + text);
  }

  private async link(at: string, target: string): Promise<void> {
    await mkdir(dirname(at), { recursive: true });
    await symlink(relative(dirname(at), target), at);
  }
}

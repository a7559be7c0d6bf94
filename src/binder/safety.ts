/**
 * Deciding whether a device may be taken from its current driver. Pure.
 *
 * A device held by a host driver, or one whose network interface carries
 * routes or whose disk is mounted, is refused unless forced. A device held by
 * a vfio driver, by pci-stub, or by nothing may be taken.
 *
 * Classifying the driver a device is bound to, for the safety checks.
 *
 * - `vfio`: vfio-pci or a vfio variant driver (its name or its module's name
 *   has a `vfio` word: vfio-pci, mlx5_vfio_pci, nvgrace_gpu_vfio_pci, ...).
 * - `no-dma`: drivers the kernel lets share an IOMMU group with a vfio user
 *   because they never do DMA of their own (pci-stub, and pcieport on ports).
 * - `host`: anything else; the host is using the device.
 * - `none`: no driver bound.
 *
 * Finding host use of a device that taking it away would break: a network
 * interface of the device (or the bridge/bond above it) that carries routes,
 * or a disk of the device (or a device-mapper/md device stacked on it) that
 * is mounted or used as swap. A check whose procfs table cannot be read
 * (no /proc, a wrong --proc-root) counts as a use: it refuses, naming the
 * check and the file.
 */

import { describeErrno } from "../files/fs.js";
import { underscoreDashes } from "../kmod/normalize.js";
import {
  type MountUse,
  parseMounts,
  parseSwaps,
  readProc,
  readRequiredProc,
  routedInterfaces,
} from "../platform/proc.js";
import {
  blockDevice,
  blockDmName,
  blockHolders,
  classBlock,
  classNet,
  device,
  netDevice,
  netMaster,
  type PathComponent,
  type PciAddress,
  pathComponent,
  type SysfsPath,
  type SysfsReader,
} from "../platform/sysfs.js";

/** The reasons to refuse taking the device; empty when it may be taken. */
export function takeoverRefusals(driver: string | null, kind: DriverKind, hostUse: readonly string[]): string[] {
  return [...(kind === "host" && driver !== null ? [`bound to host driver ${driver}`] : []), ...hostUse];
}

/** The sentence for a refusal, ending with how to override it. */
export function refusalReason(reasons: readonly string[]): string {
  return `${reasons.join("; ")} (use --force to take it anyway)`;
}

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
  return VFIO_WORD.test(underscoreDashes(name));
}

const MAX_STACK = 8;

/** Reasons the host is still using device `a`, each a short sentence; empty when none. */
export async function findHostUse(sysfs: SysfsReader, procRoot: string, address: PciAddress): Promise<string[]> {
  return [...(await routedNetdevs(sysfs, procRoot, address)), ...(await mountedDisks(sysfs, procRoot, address))];
}

async function routedNetdevs(sysfs: SysfsReader, procRoot: string, address: PciAddress): Promise<string[]> {
  const ifaces = await classMembersBelow(sysfs, address, classNet(), netDevice);
  if (ifaces.length === 0) return [];
  let routed: Set<string>;
  try {
    routed = routedInterfaces(
      await readRequiredProc(procRoot, "net/route"),
      (await readProc(procRoot, "net/ipv6_route")) ?? "",
    );
  } catch (err) {
    return [cannotCheck(`the routes of network interface ${ifaces.join(", ")}`, err)];
  }
  const reasons: string[] = [];
  for (const iface of ifaces) {
    const chain = await upperChain(sysfs, iface);
    const hit = chain.find((n) => routed.has(n));
    if (hit === iface) reasons.push(`network interface ${iface} carries routes`);
    else if (hit !== undefined) reasons.push(`network interface ${iface} is part of ${hit}, which carries routes`);
  }
  return reasons;
}

/** The interface followed by the bridges or bonds it is enslaved to, innermost first. */
async function upperChain(sysfs: SysfsReader, iface: PathComponent): Promise<PathComponent[]> {
  const chain = [iface];
  let master = await sysfs.linkName(netMaster(iface));
  while (master !== null && chain.length < MAX_STACK) {
    const upper = pathComponent(master);
    chain.push(upper);
    master = await sysfs.linkName(netMaster(upper));
  }
  return chain;
}

async function mountedDisks(sysfs: SysfsReader, procRoot: string, address: PciAddress): Promise<string[]> {
  const disks = await disksOf(sysfs, address);
  if (disks.length === 0) return [];
  let uses: MountUse[];
  try {
    const mounts = (await readProc(procRoot, "self/mounts")) ?? (await readRequiredProc(procRoot, "mounts"));
    uses = [...parseMounts(mounts), ...parseSwaps((await readProc(procRoot, "swaps")) ?? "")];
  } catch (err) {
    return [cannotCheck(`whether disk ${disks.join(", ")} is mounted`, err)];
  }
  const reasons: string[] = [];
  for (const disk of disks) {
    const sources = await deviceNodes(sysfs, disk);
    for (const use of uses.filter((u) => sources.includes(u.source))) reasons.push(describeUse(disk, use));
  }
  return reasons;
}

/**
 * A check that cannot run refuses the device as a use would (fail closed):
 * `cannot check WHAT (FILE: reason)`; --force overrides it like any refusal.
 */
function cannotCheck(what: string, err: unknown): string {
  return `cannot check ${what} (${describeErrno(err)})`;
}

/**
 * The entries of a class directory (class/net, class/block) whose device lies
 * below device `a`, however deep (a virtio NIC's interface is under virtioN/).
 */
async function classMembersBelow(
  sysfs: SysfsReader,
  address: PciAddress,
  dir: SysfsPath,
  entry: (name: PathComponent) => SysfsPath,
): Promise<PathComponent[]> {
  const root = await sysfs.resolve(device(address));
  if (root === null) return [];
  const found: PathComponent[] = [];
  for (const name of (await sysfs.list(dir)) ?? []) {
    const member = pathComponent(name);
    const real = await sysfs.resolve(entry(member));
    if (real?.startsWith(`${root}/`)) found.push(member);
  }
  return found;
}

/** The disks and partitions below device `a`, plus everything stacked on them through `holders/`. */
async function disksOf(sysfs: SysfsReader, address: PciAddress): Promise<PathComponent[]> {
  const found = await classMembersBelow(sysfs, address, classBlock(), blockDevice);
  // for-of also visits the holders appended while it runs; `includes` stops cycles.
  for (const disk of found) {
    for (const holder of (await sysfs.list(blockHolders(disk))) ?? []) {
      const h = pathComponent(holder);
      if (!found.includes(h)) found.push(h);
    }
  }
  return found;
}

/** The /dev paths a mount table may show for disk `disk`. */
async function deviceNodes(sysfs: SysfsReader, disk: PathComponent): Promise<string[]> {
  const nodes = [`/dev/${disk}`];
  const dm = await sysfs.attr(blockDmName(disk));
  if (dm !== null && dm !== "") nodes.push(`/dev/mapper/${dm}`);
  return nodes;
}

function describeUse(disk: PathComponent, use: MountUse): string {
  return use.target === "[swap]" ? `disk ${disk} is in use as swap` : `disk ${disk} is mounted on ${use.target}`;
}

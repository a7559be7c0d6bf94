/**
 * The persisted vfio choices: saving a device's driver in driverctl's layout,
 * forgetting it, and listing what is persisted. Every path is under a root
 * directory (default `/`). Saving and forgetting never throw: the result says
 * what was (or, for a dry run, would be) done and any error, naming the file.
 *
 * driverctl's layout for persistent driver overrides, which modalias shares so
 * that driverctl's udev rule and unit apply our choices where driverctl is
 * installed (and our own boot units where it is not):
 *
 * - one file per device in `/etc/driverctl.d`, named `<bus>-<device>` with
 *   the device as sysfs names it, so `pci-0000:01:00.0` for PCI;
 * - the file holds the driver name (what driver_override takes, e.g.
 *   `vfio-pci`, not the module `vfio_pci`) and a newline;
 * - an empty file is no override (driverctl skips it).
 *
 * Whether driverctl is installed under a root: its template unit is what
 * applies `/etc/driverctl.d` at boot, so its presence is what counts.
 *
 * System paths under a configurable root directory. Every file the system
 * integration reads or writes is named by its path on the target system
 * (`/etc/driverctl.d/...`) and found under the root (default `/`), so tests
 * and image builds can work on a directory tree instead of the live system.
 * Generated files always refer to the target system's paths, never the root.
 */
import { access, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  describeErrno,
  describeFailure,
  errnoOf,
  fileError,
  PAGE_LIMIT,
  readBounded,
  removeFile,
  resolveInside,
  writeFileAtomic,
} from "../files/fs.js";
import { type DriverName, driverName, isCanonicalPciAddress, NameError, type PciAddress } from "../platform/sysfs.js";

/** What saving or forgetting did for one device. */
export interface PersistResult {
  action: "saved" | "would-save" | "forgotten" | "would-forget" | "none";
  /** The file, under the root. */
  file: string;
  /** The driver saved, or the one the forgotten file named (null when unknown). */
  driver: string | null;
  /** Why it failed, or null. */
  error: string | null;
}

/** One persisted override. */
export interface PersistedEntry {
  device: PciAddress;
  driver: DriverName;
  file: string;
}

/** A directory entry that could not be read as an override. */
export interface PersistProblem {
  file: string;
  reason: string;
}

/**
 * Records `driver` for device `a` (0644), and the device's `modalias` as its
 * identity when known; or with `dryRun` only says it would.
 */
export async function saveOverride(
  root: string,
  address: PciAddress,
  driver: DriverName,
  modalias: string | null,
  dryRun: boolean,
): Promise<PersistResult> {
  const file = rooted(root, overrideFile(address));
  if (dryRun) return { action: "would-save", file, driver, error: null };
  try {
    await writeFileAtomic(file, overrideContent(driver), 0o644, { root });
    if (modalias !== null) await writeFileAtomic(rooted(root, identityFile(address)), `${modalias}\n`, 0o644, { root });
    return { action: "saved", file, driver, error: null };
  } catch (error) {
    return { action: "none", file, driver, error: describeFailure("writing", file, error) };
  }
}

/** Removes the override of device `a`, if any, or with `dryRun` only says it would. */
export async function forgetOverride(root: string, address: PciAddress, dryRun: boolean): Promise<PersistResult> {
  const file = rooted(root, overrideFile(address));
  let driver: string | null;
  try {
    driver = parseOverride(await readEntry(root, file));
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return { action: "none", file, driver: null, error: null };
    driver = null;
  }
  if (dryRun) return { action: "would-forget", file, driver, error: null };
  try {
    const existed = await removeFile(file, { root });
    await removeFile(rooted(root, identityFile(address)), { root });
    return { action: existed ? "forgotten" : "none", file, driver, error: null };
  } catch (error) {
    return { action: "none", file, driver, error: describeFailure("removing", file, error) };
  }
}

/** Every persisted PCI override under `root`, by address, and the entries that could not be read. */
export async function listPersisted(root: string): Promise<{ entries: PersistedEntry[]; problems: PersistProblem[] }> {
  const dir = rooted(root, OVERRIDE_DIR);
  const entries: PersistedEntry[] = [];
  const problems: PersistProblem[] = [];
  let names: string[];
  try {
    names = await readdir(dirname(await resolveInside(root, join(dir, "entry"))));
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return { entries, problems };
    return { entries, problems: [{ file: dir, reason: describeErrno(error) }] };
  }
  for (const name of names.sort()) {
    const file = rooted(dir, name);
    try {
      const device = entryDevice(name);
      if (device === null) continue;
      entries.push({ device, driver: parseOverride(await readEntry(root, file)), file });
    } catch (error) {
      problems.push({ file, reason: describeErrno(error, file) });
    }
  }
  return { entries: entries.sort((x, y) => x.device.localeCompare(y.device)), problems };
}

/**
 * The text of entry `file`, found inside `root` as writes are (files/fs.ts):
 * a regular file of at most a page (one driver name), read without blocking.
 */
async function readEntry(root: string, file: string): Promise<string> {
  return (await readBounded(await resolveInside(root, file), PAGE_LIMIT)).bytes.toString("utf8");
}

/** The driver persisted for device `address` under `root`, or null when nothing is; throws when its entry is unreadable or names none. */
export async function readPersistedDriver(root: string, address: PciAddress): Promise<DriverName | null> {
  const file = rooted(root, overrideFile(address));
  try {
    return parseOverride(await readEntry(root, file));
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return null;
    throw fileError(file, error);
  }
}

/**
 * The identity recorded for device `a` by `bind --persist`: its modalias then
 * (vendor, device, subsystem and class ids), and the file; null when none was
 * recorded (driverctl's entries, or an older modalias's). A FileError naming
 * the file when it cannot be read.
 */
export async function readIdentity(
  root: string,
  address: PciAddress,
): Promise<{ modalias: string; file: string } | null> {
  const file = rooted(root, identityFile(address));
  try {
    return { modalias: (await readEntry(root, file)).trim(), file };
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return null;
    throw error;
  }
}

/** The directory of persisted overrides, on the target system. */
export const OVERRIDE_DIR = "/etc/driverctl.d";

const PCI_PREFIX = "pci-";

/** The file that persists the override of PCI device `a`, on the target system. */
export function overrideFile(address: PciAddress): string {
  return `${OVERRIDE_DIR}/${PCI_PREFIX}${address}`;
}

/**
 * Where the identity of a persisted device is kept, on the target system: a
 * directory of modalias's own, since driverctl reads its entry whole as the
 * driver name and must keep reading it.
 */
export function identityFile(address: PciAddress): string {
  return `/etc/modalias/persisted/${PCI_PREFIX}${address}`;
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
  // driverctl's scripts and the boot units pass the name as one word.
  if (/\s/.test(value)) throw new Error(`holds ${JSON.stringify(value)}, not a driver name (one word, no white space)`);
  try {
    return driverName(value);
  } catch (error) {
    if (error instanceof NameError) throw new Error(`holds ${JSON.stringify(value)}, not a driver name`);
    throw error;
  }
}

const DRIVERCTL_UNITS = [
  "/usr/lib/systemd/system/driverctl@.service",
  "/lib/systemd/system/driverctl@.service",
  "/etc/systemd/system/driverctl@.service",
];

/** The path (under `root`) of driverctl's unit, or null when driverctl is not installed. */
export async function driverctlUnit(root: string): Promise<string | null> {
  for (const unit of DRIVERCTL_UNITS) {
    const path = rooted(root, unit);
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return null;
}

/** The default root: the live system. */
export const DEFAULT_ROOT = "/";

/** Where `systemPath` (absolute on the target system) lives under `root`. */
export function rooted(root: string, systemPath: string): string {
  return join(root, systemPath);
}

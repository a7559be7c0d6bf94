/**
 * The persisted vfio choices: saving a device's driver in driverctl's layout,
 * forgetting it, and listing what is persisted. Every path is under a root
 * directory (default `/`). Saving and forgetting never throw: the result says
 * what was (or, for a dry run, would be) done and any error, naming the file.
 */
import { readdir, readFile } from "node:fs/promises";
import type { PciAddress } from "../binder/address.js";
import { errnoOf } from "../io/errors.js";
import { describeErrno } from "../sysfs/errno.js";
import type { DriverName } from "../sysfs/names.js";
import { removeFile, writeFileAtomic } from "../io/atomic-file.js";
import { entryDevice, OVERRIDE_DIR, overrideContent, overrideFile, parseOverride } from "./driverctl-layout.js";
import { rooted } from "./rooted.js";

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

/** Records `driver` for device `a` (0644), or with `dryRun` only says it would. */
export async function saveOverride(root: string, a: PciAddress, driver: DriverName, dryRun: boolean): Promise<PersistResult> {
  const file = rooted(root, overrideFile(a));
  if (dryRun) return { action: "would-save", file, driver, error: null };
  try {
    await writeFileAtomic(file, overrideContent(driver), 0o644);
    return { action: "saved", file, driver, error: null };
  } catch (error) {
    return { action: "none", file, driver, error: `${describeErrno(error)} writing ${file}` };
  }
}

/** Removes the override of device `a`, if any, or with `dryRun` only says it would. */
export async function forgetOverride(root: string, a: PciAddress, dryRun: boolean): Promise<PersistResult> {
  const file = rooted(root, overrideFile(a));
  let driver: string | null;
  try {
    driver = (await readFile(file, "utf8")).replace(/\n+$/, "");
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return { action: "none", file, driver: null, error: null };
    driver = null;
  }
  if (dryRun) return { action: "would-forget", file, driver, error: null };
  try {
    const existed = await removeFile(file);
    return { action: existed ? "forgotten" : "none", file, driver, error: null };
  } catch (error) {
    return { action: "none", file, driver, error: `${describeErrno(error)} removing ${file}` };
  }
}

/** Every persisted PCI override under `root`, by address, and the entries that could not be read. */
export async function listPersisted(root: string): Promise<{ entries: PersistedEntry[]; problems: PersistProblem[] }> {
  const dir = rooted(root, OVERRIDE_DIR);
  const entries: PersistedEntry[] = [];
  const problems: PersistProblem[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return { entries, problems };
    return { entries, problems: [{ file: dir, reason: describeErrno(error) }] };
  }
  for (const name of names.sort()) {
    const file = rooted(dir, name);
    try {
      const device = entryDevice(name);
      if (device === null) continue;
      entries.push({ device, driver: parseOverride(await readFile(file, "utf8")), file });
    } catch (error) {
      problems.push({ file, reason: describeErrno(error) });
    }
  }
  return { entries: entries.sort((x, y) => x.device.localeCompare(y.device)), problems };
}

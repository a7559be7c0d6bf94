/**
 * Installing and uninstalling the hooks under a root directory.
 *
 * Install checks every target first and refuses, naming the file, if one is
 * someone else's; then writes each file atomically with its mode (and each
 * link). Uninstall removes the files and links that are ours (see
 * hook-ownership.ts), and only those; directories stay.
 * With `dryRun` both only report what they would do.
 */
import { fileError, FileError } from "../io/errors.js";
import { removeFile, writeFileAtomic, writeLinkAtomic } from "../io/atomic-file.js";
import { driverctlUnit } from "./driverctl-installed.js";
import { allHookFiles, bootUnitFiles, kernelHookFiles, type HookFile } from "./hook-files.js";
import { ownership } from "./hook-ownership.js";
import { rooted } from "./rooted.js";

/** One file installed, removed or left, with its path under the root. */
export interface HookChange {
  action: "installed" | "would-install" | "removed" | "would-remove" | "left-foreign";
  file: string;
  entry: HookFile;
}

/** What install did, and driverctl's unit when it was found (and the boot units left out). */
export interface InstallResult {
  changes: HookChange[];
  driverctl: string | null;
}

/** Installs the hooks under `root` (see the file comment). */
export async function installHooks(root: string, dryRun: boolean): Promise<InstallResult> {
  const driverctl = await driverctlUnit(root);
  const files = [...kernelHookFiles(), ...(driverctl === null ? bootUnitFiles() : [])];
  for (const f of files) {
    const path = rooted(root, f.path);
    if ((await ownership(path, f)) === "foreign") {
      throw new FileError(path, "exists and was not installed by modalias; move it away first");
    }
  }
  const changes: HookChange[] = [];
  for (const f of files) {
    const file = rooted(root, f.path);
    if (!dryRun) {
      await atFile(file, f.kind === "file" ? writeFileAtomic(file, f.content, f.mode) : writeLinkAtomic(file, f.target));
    }
    changes.push(change(dryRun ? "would-install" : "installed", file, f));
  }
  return { changes, driverctl };
}

/** Removes the hooks install put under `root` (see the file comment). */
export async function uninstallHooks(root: string, dryRun: boolean): Promise<HookChange[]> {
  const changes: HookChange[] = [];
  for (const f of allHookFiles()) {
    const file = rooted(root, f.path);
    const owner = await ownership(file, f);
    if (owner === "absent") continue;
    if (owner === "foreign") {
      changes.push(change("left-foreign", file, f));
      continue;
    }
    if (!dryRun) await atFile(file, removeFile(file));
    changes.push(change(dryRun ? "would-remove" : "removed", file, f));
  }
  return changes;
}

/** `op`'s result, or a FileError naming `file` when it fails. */
async function atFile<T>(file: string, op: Promise<T>): Promise<T> {
  try {
    return await op;
  } catch (error) {
    throw fileError(file, error);
  }
}

function change(action: HookChange["action"], file: string, f: HookFile): HookChange {
  return { action, file, entry: f };
}

/**
 * Temporary root directories for the system integration tests: creating one,
 * listing the files under it, a fake kernel module tree, and a `modalias` on
 * PATH that runs the built command (dist/, built by `npm test` first).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { MAIN } from "./cli.js";
import { DATA } from "./data.js";

/** A new empty root directory. */
export function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), "modalias-system-"));
}

/** Removes a root made by tempRoot. */
export function removeRoot(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** Every file (not directory) under `dir`, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Creates `DIR/modalias`, a wrapper running the built command, and returns DIR. */
export function modaliasWrapper(root: string): string {
  const bin = join(root, "test-bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "modalias"), `#!/bin/sh\nexec '${process.execPath}' '${MAIN}' "$@"\n`);
  chmodSync(join(bin, "modalias"), 0o755);
  return bin;
}

/** Creates `ROOT/<dir>/VERSION/modules.alias` (the vfio variant aliases) and returns its path. */
export function kernelTree(root: string, version: string, dir = "lib/modules"): string {
  const modules = join(root, dir, version);
  mkdirSync(modules, { recursive: true });
  const aliasFile = join(modules, "modules.alias");
  writeFileSync(aliasFile, readFileSync(join(DATA, "vfio-variants.modules.alias")));
  return aliasFile;
}

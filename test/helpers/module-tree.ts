/**
 * A module tree for the CLI tests: BASEDIR/lib/modules/VERSION/modules.alias
 * with the small alias file, optionally compiled beside it.
 */
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { modalias } from "./cli.js";
import { scratch } from "./scratch.js";
import { SMALL_ALIASES } from "./small.js";

export const VERSION = "6.12.0-test";

export interface Tree {
  basedir: string;
  aliasFile: string;
  indexFile: string;
  /** `-b BASEDIR -S VERSION`. */
  kernelArgs: string[];
  remove: () => void;
}

/** A tree whose modules.alias is the small file; compiled when `compiled`. */
export function moduleTree(compiled: boolean): Tree {
  const tmp = scratch();
  const dir = join(tmp.dir, "lib/modules", VERSION);
  mkdirSync(dir, { recursive: true });
  const aliasFile = join(dir, "modules.alias");
  writeFileSync(aliasFile, SMALL_ALIASES);
  utimesSync(aliasFile, 1_700_000_000, 1_700_000_000);
  const tree = {
    basedir: tmp.dir,
    aliasFile,
    indexFile: `${aliasFile}.index`,
    kernelArgs: ["-b", tmp.dir, "-S", VERSION],
    remove: tmp.remove,
  };
  if (compiled) {
    const run = modalias(["compile", aliasFile]);
    if (run.status !== 0) throw new Error(run.stderr);
  }
  return tree;
}

/**
 * The small file with i40e's line given to `ixgbe` instead: same size,
 * other contents, and (unless `keepMtime`) another mtime.
 */
export function editAliases(tree: Tree, keepMtime = false): void {
  writeFileSync(tree.aliasFile, SMALL_ALIASES.toString("latin1").replace(" i40e\n", " ixgb\n"));
  const when = keepMtime ? 1_700_000_000 : 1_700_000_100;
  utimesSync(tree.aliasFile, when, when);
}

export const I40E_KEY = "pci:v00008086d00001572sv00008086sd00000001bc02sc00i00";

/**
 * libkmod's side of the latency runs: a module tree per alias file (depmod's
 * modules.alias.bin for Debian's file, the bench writer's for the others),
 * and a check that the writer's index answers as depmod's does.
 */
import { join } from "node:path";
import { type KmodContender, openLibkmod } from "../contenders/libkmod.js";
import type { AliasFile } from "../corpus/files.js";
import { buildKmodTree, type KmodTree } from "../corpus/kmod-tree.js";
import type { Check } from "../report/results.js";

export interface KmodSide {
  tree: KmodTree;
  from: "depmod" | "bench writer";
}

/** The tree for a file, or null for files libkmod is not run on. */
export function kmodSide(scratch: string, file: AliasFile): KmodSide | null {
  if (file.name === "real") return null;
  const own = file.name === "debian";
  return {
    tree: buildKmodTree(join(scratch, "kmod"), file.name, own ? null : file.text),
    from: own ? "depmod" : "bench writer",
  };
}

export function openSide(side: KmodSide): Promise<KmodContender | string> {
  return openLibkmod(side.tree.moduleDir, side.tree.configDir);
}

/** Do libkmod's answers on the writer's index of Debian's file equal those on depmod's? */
export async function checkWriter(
  scratch: string,
  debian: AliasFile,
  keys: readonly string[],
): Promise<Check | string> {
  const theirs = buildKmodTree(join(scratch, "kmod"), "debian", null);
  const ours = buildKmodTree(join(scratch, "kmod-check"), "debian", debian.text);
  const a = await openLibkmod(theirs.moduleDir, theirs.configDir);
  const b = await openLibkmod(ours.moduleDir, ours.configDir);
  if (typeof a === "string") return a;
  if (typeof b === "string") return b;
  let agree = 0;
  for (const key of keys) if (JSON.stringify(a.modules(key)) === JSON.stringify(b.modules(key))) agree++;
  a.close();
  b.close();
  return {
    what: "libkmod on the bench's modules.alias.bin vs depmod's (Debian file, same modules in the same order)",
    keys: keys.length,
    agree,
  };
}

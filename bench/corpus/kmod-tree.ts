/**
 * Module trees for libkmod in a scratch directory: DIR/lib/modules/VERSION
 * holding the binary indexes of the Debian 6.12 kernel (decompressed from
 * data/), optionally with modules.alias.bin replaced by one written for
 * another alias file; and an empty directory to pass as modprobe.d so that
 * the host's configuration stays out.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DATA } from "../../test/helpers/data.js";
import { kmodAliasIndex } from "./kmod-index.js";

export const KERNEL = "debian-6.12.107-amd64";
export const KERNEL_VERSION = "6.12.107+deb13-amd64";
const INDEXES = ["alias", "dep", "symbols", "builtin", "builtin.alias"];

export interface KmodTree {
  /** The module directory to give kmod_new. */
  moduleDir: string;
  /** An empty configuration directory. */
  configDir: string;
  /** Size of the tree's modules.alias.bin in bytes. */
  aliasBinSize: number;
}

/** Debian's own modules.alias.bin as depmod wrote it. */
export function debianAliasBin(): Buffer {
  return gunzipSync(readFileSync(join(DATA, KERNEL, "modules.alias.bin.gz")));
}

/** A tree under `root/name`: Debian's indexes, with the alias index written for `aliasText` when given. */
export function buildKmodTree(root: string, name: string, aliasText: Buffer | null): KmodTree {
  const base = join(root, name);
  const moduleDir = join(base, "lib", "modules", KERNEL_VERSION);
  const configDir = join(base, "modprobe.d");
  mkdirSync(moduleDir, { recursive: true });
  mkdirSync(configDir, { recursive: true });
  let aliasBinSize = 0;
  for (const index of INDEXES) {
    const file = `modules.${index}.bin`;
    const bytes =
      index === "alias" && aliasText !== null
        ? kmodAliasIndex(aliasText)
        : gunzipSync(readFileSync(join(DATA, KERNEL, `${file}.gz`)));
    writeFileSync(join(moduleDir, file), bytes);
    if (index === "alias") aliasBinSize = bytes.length;
  }
  return { moduleDir, configDir, aliasBinSize };
}

/**
 * A kernel tree whose only aliases are built in, written by the system's depmod from a
 * modules.builtin.modinfo (depmod writes modules.builtin.alias.bin, the same trie format and
 * lookup as modules.alias.bin, from it alone: no module files needed), and `modprobe -R` over it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";

const tool = (name: string): string | null =>
  ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map((dir) => join(dir, name)).find((path) => existsSync(path)) ?? null;
const depmod = tool("depmod");
const modprobe = tool("modprobe");

/** Why the trees cannot be made here, or null. */
export const NO_DEPMOD = depmod === null || modprobe === null ? "depmod and modprobe (kmod) are not installed" : null;

const VERSION = "0.0.0-builtin";
let trees = 0;

export interface BuiltinTree {
  /** The modules.builtin.modinfo written. */
  modinfo: string;
  /** `modprobe -R KEY`'s lines, its repeats removed. */
  resolve(key: string): string[];
  remove(): void;
}

/** A tree with built-in aliases (module, pattern), run through depmod. */
export function builtinTree(records: readonly (readonly [string, string])[]): BuiltinTree {
  const scratch = mkdtempSync(join(tmpdir(), `modalias-builtin-${trees++}-`));
  const dir = join(scratch, "lib/modules", VERSION);
  const config = join(scratch, "modprobe.d");
  mkdirSync(dir, { recursive: true });
  mkdirSync(config);
  const modinfo = records.map(([module, alias]) => `${module}.alias=${alias}\0`).join("");
  writeFileSync(join(dir, "modules.builtin.modinfo"), modinfo, "latin1");
  writeFileSync(join(dir, "modules.builtin"), [...new Set(records.map(([m]) => `kernel/${m}.ko\n`))].join(""));
  writeFileSync(join(dir, "modules.order"), "");
  const made = spawnSync(depmod as string, ["-b", scratch, VERSION], { encoding: "utf8" });
  expect(made.status, made.stderr).toBe(0);
  return {
    modinfo,
    resolve(key: string): string[] {
      const args = ["-d", scratch, "-S", VERSION, "-C", config, "-R", "--", key];
      const run = spawnSync(modprobe as string, args, { encoding: "latin1" });
      return [...new Set(run.stdout.split("\n").filter((line) => line !== ""))];
    },
    remove: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

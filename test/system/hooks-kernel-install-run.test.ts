/**
 * The installed kernel-install plugin, run as kernel-install runs it
 * (`add VERSION ENTRY_DIR IMAGE`, `remove VERSION ENTRY_DIR`), builds the
 * index beside the kernel's modules.alias and deletes it again; the module
 * tree's root comes from MODALIAS_BASEDIR and `modalias` from PATH.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { kernelTree, modaliasWrapper, removeRoot, tempRoot } from "../helpers/system-tree.js";

const VERSION = "6.12.0-test";
const MLX5 = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";

let root: string;
beforeEach(() => {
  root = tempRoot();
  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);
});
afterEach(() => removeRoot(root));

function runPlugin(args: string[], env: Record<string, string> = {}): ReturnType<typeof spawnSync> {
  const plugin = join(root, "usr/lib/kernel/install.d/55-modalias.install");
  return spawnSync(plugin, args, {
    encoding: "utf8",
    env: { PATH: `${modaliasWrapper(root)}:/usr/bin:/bin`, MODALIAS_BASEDIR: root, ...env },
  });
}

it("add compiles modules.alias.index beside modules.alias; remove deletes it", () => {
  const aliasFile = kernelTree(root, VERSION);

  const add = runPlugin(["add", VERSION, `/boot/efi/abc/${VERSION}`, `/boot/vmlinuz-${VERSION}`]);
  expect(add.stderr).toBe("");
  expect(add.status).toBe(0);
  expect(modalias(["match", "--index", `${aliasFile}.index`, MLX5]).stdout).toBe("mlx5_vfio_pci\n");

  const remove = runPlugin(["remove", VERSION, `/boot/efi/abc/${VERSION}`]);
  expect(remove.status).toBe(0);
  expect(existsSync(`${aliasFile}.index`)).toBe(false);
  expect(existsSync(aliasFile)).toBe(true);
});

it("finds a kernel under usr/lib/modules too", () => {
  const aliasFile = kernelTree(root, VERSION, "usr/lib/modules");

  expect(runPlugin(["add", VERSION, "/boot/x", "/boot/vmlinuz"]).status).toBe(0);
  expect(existsSync(`${aliasFile}.index`)).toBe(true);
});

it("prints the compile summary only when kernel-install is verbose", () => {
  kernelTree(root, VERSION);

  expect(runPlugin(["add", VERSION, "/boot/x", "/boot/vmlinuz"]).stdout).toBe("");
  expect(runPlugin(["add", VERSION, "/boot/x", "/boot/vmlinuz"], { KERNEL_INSTALL_VERBOSE: "1" }).stdout).toMatch(
    /modules\.alias\.index: \d+ aliases/,
  );
});

/** `hooks uninstall` removes exactly the files install put, leaving other files (same-named foreign ones included) in place. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { filesUnder, removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
beforeEach(() => {
  root = tempRoot();
  mkdirSync(join(root, "etc/kernel/postinst.d"), { recursive: true });
  writeFileSync(join(root, "etc/kernel/postinst.d/initramfs-tools"), "#!/bin/sh\n");
});
afterEach(() => removeRoot(root));

/** Every directory under `dir`, relative, sorted. */
function directoriesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

it("restores the tree to what it was before install: files, and the directories install created", () => {
  const before = filesUnder(root);
  const directories = directoriesUnder(root);
  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);
  // The eight hooks and the record of the directories install created.
  expect(filesUnder(root)).toHaveLength(before.length + 9);
  expect(filesUnder(root)).toContain("etc/modalias/hooks-directories");

  const run = modalias(["hooks", "uninstall", "--root", root]);

  expect(run).toMatchObject({ status: 0, stderr: "" });
  const lines = run.stdout.trimEnd().split("\n");
  expect(lines.filter((l) => !l.endsWith("/"))).toHaveLength(8);
  expect(lines).toContain(`removed ${join(root, "usr/lib/kernel/install.d")}/`);
  expect(lines).not.toContain(`removed ${join(root, "etc/kernel/postinst.d")}/`);
  expect(filesUnder(root)).toEqual(before);
  expect(directoriesUnder(root)).toEqual(directories);
});

it("leaves a directory it created once someone else's file lives there", () => {
  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);
  writeFileSync(join(root, "usr/lib/kernel/install.d/50-depmod.install"), "#!/bin/sh\n");
  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);

  expect(modalias(["hooks", "uninstall", "--root", root]).status).toBe(0);
  expect(filesUnder(root)).toEqual([
    "etc/kernel/postinst.d/initramfs-tools",
    "usr/lib/kernel/install.d/50-depmod.install",
  ]);
  expect(directoriesUnder(root)).toEqual([
    "etc",
    "etc/kernel",
    "etc/kernel/postinst.d",
    "usr",
    "usr/lib",
    "usr/lib/kernel",
    "usr/lib/kernel/install.d",
  ]);
});

it("leaves a same-named file that modalias did not install, with a warning", () => {
  mkdirSync(join(root, "usr/lib/udev/rules.d"), { recursive: true });
  const foreign = join(root, "usr/lib/udev/rules.d/89-modalias.rules");
  writeFileSync(foreign, "# someone else's\n");

  const run = modalias(["hooks", "uninstall", "--root", root]);

  expect(run.status).toBe(0);
  expect(run.stderr).toBe(`modalias: ${foreign}: warning: not installed by modalias; left in place\n`);
  expect(filesUnder(root)).toContain("usr/lib/udev/rules.d/89-modalias.rules");
});

it("removes its link even when the unit it points to is already gone", () => {
  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);
  rmSync(join(root, "usr/lib/systemd/system/modalias-index.path"));

  expect(modalias(["hooks", "uninstall", "--root", root]).status).toBe(0);
  expect(filesUnder(root)).toEqual(["etc/kernel/postinst.d/initramfs-tools"]);
});

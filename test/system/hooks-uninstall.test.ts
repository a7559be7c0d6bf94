/** `hooks uninstall` removes exactly the files install put, leaving other files (same-named foreign ones included) in place. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

it("restores the tree's files to what they were before install", () => {
  const before = filesUnder(root);
  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);
  expect(filesUnder(root)).toHaveLength(before.length + 8);

  const run = modalias(["hooks", "uninstall", "--root", root]);

  expect(run).toMatchObject({ status: 0, stderr: "" });
  expect(run.stdout.trimEnd().split("\n")).toHaveLength(8);
  expect(filesUnder(root)).toEqual(before);
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

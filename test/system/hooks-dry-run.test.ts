/** `hooks install --dry-run` prints each file with its mode and full text and writes nothing; `uninstall --dry-run` removes nothing. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { filesUnder, removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
beforeEach(() => {
  root = tempRoot();
});
afterEach(() => removeRoot(root));

it("prints what install would write and writes nothing", () => {
  const run = modalias(["hooks", "install", "--dry-run", "--root", root]);

  expect(run.status).toBe(0);
  expect(filesUnder(root)).toEqual([]);
  expect(run.stdout).toContain(
    `would install ${join(root, "usr/lib/kernel/install.d/55-modalias.install")} (mode 0755):\n  #!/bin/sh\n`,
  );
  expect(run.stdout).toContain(
    `would install ${join(root, "usr/lib/systemd/system/modalias-bind@.service")} (mode 0644):\n`,
  );
  expect(run.stdout).toContain("  ExecStart=/usr/bin/env modalias bind --persisted %i\n");
});

it("prints what uninstall would remove and removes nothing", () => {
  modalias(["hooks", "install", "--root", root]);
  const before = filesUnder(root);
  const plugin = readFileSync(join(root, "usr/lib/kernel/install.d/55-modalias.install"), "utf8");

  const run = modalias(["hooks", "uninstall", "--dry-run", "--root", root]);

  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`would remove ${join(root, "usr/lib/kernel/install.d/55-modalias.install")}\n`);
  expect(filesUnder(root)).toEqual(before);
  expect(readFileSync(join(root, "usr/lib/kernel/install.d/55-modalias.install"), "utf8")).toBe(plugin);
});

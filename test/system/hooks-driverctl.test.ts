/** Where driverctl is installed, `hooks install` leaves the boot units to it and installs only the index hooks and units. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { filesUnder, removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
const UNIT = "usr/lib/systemd/system/driverctl@.service";
beforeEach(() => {
  root = tempRoot();
  mkdirSync(join(root, "usr/lib/systemd/system"), { recursive: true });
  writeFileSync(join(root, UNIT), "[Unit]\n");
});
afterEach(() => removeRoot(root));

it("installs no udev rule or unit and says driverctl applies the overrides", () => {
  const run = modalias(["hooks", "install", "--root", root]);

  expect(run.status).toBe(0);
  expect(filesUnder(root)).toEqual(
    [
      UNIT,
      "etc/modalias/hooks-directories",
      "etc/kernel/postinst.d/modalias",
      "etc/kernel/postrm.d/modalias",
      "etc/systemd/system/paths.target.wants/modalias-index.path",
      "usr/lib/kernel/install.d/55-modalias.install",
      "usr/lib/systemd/system/modalias-index.path",
      "usr/lib/systemd/system/modalias-index.service",
    ].sort(),
  );
  expect(run.stdout).toContain(`boot units left to driverctl (${join(root, UNIT)})`);
});

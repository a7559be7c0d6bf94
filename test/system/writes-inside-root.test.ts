/**
 * `bind --persist --root R`, `hooks install --root R` and `hooks uninstall
 * --root R` never write or remove outside R: a parent directory that is a
 * symbolic link is followed only inside R (an absolute target is R's own
 * path, as in an image), and one whose relative target climbs out of R is
 * refused, naming the file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { MARKER } from "../../src/system/hooks.js";
import { modalias, modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";
import { filesUnder, removeRoot, tempRoot } from "../helpers/system-tree.js";

let base: string;
let root: string;
let outside: string;
beforeEach(() => {
  base = tempRoot();
  root = join(base, "image");
  outside = join(base, "host");
  mkdirSync(join(root, "etc"), { recursive: true });
  mkdirSync(outside);
});
afterEach(() => removeRoot(base));

it("hooks install follows an absolute parent link inside the root, and refuses one that climbs out", () => {
  symlinkSync(outside, join(root, "usr"));
  mkdirSync(join(root, "etc/kernel"));
  symlinkSync("../../../host/kernel", join(root, "etc/kernel/postinst.d"));

  const run = modalias(["hooks", "install", "--root", root]);

  expect(run.status).toBe(2);
  expect(run.stderr).toBe(
    `modalias: ${join(root, "etc/kernel/postinst.d/modalias")}: leads out of ${root} through a symbolic link\n`,
  );
  expect(filesUnder(outside)).toEqual([]);
});

it("hooks install writes an image's absolute links as the image's own paths", () => {
  symlinkSync("/usr/share/kernel", join(root, "etc/kernel"));

  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);

  expect(existsSync(join(root, "usr/share/kernel/postinst.d/modalias"))).toBe(true);
  expect(filesUnder(outside)).toEqual([]);
});

it("hooks uninstall leaves another tree's hooks alone", () => {
  mkdirSync(join(outside, "postrm.d"), { recursive: true });
  writeFileSync(join(outside, "postrm.d/modalias"), `#!/bin/sh\n${MARKER}\n`);
  symlinkSync(outside, join(root, "etc/kernel"));

  expect(modalias(["hooks", "uninstall", "--root", root]).status).toBe(0);

  expect(readFileSync(join(outside, "postrm.d/modalias"), "utf8")).toContain(MARKER);
});

it("bind --persist writes through an absolute driverctl.d link inside the root, and refuses one that climbs out", async () => {
  const t: Scenario = await scenario([{ ...UNBOUND_NIC, driver: "vfio-pci", override: "vfio-pci" }], {
    loaded: { vfio_pci: "vfio-pci" },
  });
  try {
    const args = ["bind", ...aliasArgs(t), "--persist", "--root", root, ...treeArgs(t), "06:00.0"];
    symlinkSync(outside, join(root, "etc/driverctl.d"));

    expect((await modaliasInProcess(args)).status).toBe(0);
    expect(readFileSync(join(root, outside, "pci-0000:06:00.0"), "utf8")).toBe("vfio-pci\n");

    unlinkSync(join(root, "etc/driverctl.d"));
    symlinkSync("../../host", join(root, "etc/driverctl.d"));
    const climbing = await modaliasInProcess(args);
    expect(climbing.status).toBe(1);
    expect(climbing.stderr).toContain(
      `not persisted: ${join(root, "etc/driverctl.d/pci-0000:06:00.0")}: leads out of ${root} through a symbolic link`,
    );
    expect(readdirSync(outside)).toEqual([]);
  } finally {
    await t.fake.cleanup();
  }
});

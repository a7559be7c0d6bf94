/**
 * `unbind --persist` of a device that is gone (unplugged, a VF whose PF dropped its VFs)
 * forgets its persisted entry, which would otherwise bind whatever appears there at boot.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
let entry: string;
beforeEach(async () => {
  t = await scenario([UNBOUND_NIC]);
  root = tempRoot();
  entry = join(root, "etc/driverctl.d/pci-0000:05:00.0");
  mkdirSync(join(root, "etc/driverctl.d"), { recursive: true });
  writeFileSync(entry, "vfio-pci\n");
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

it("forgets the entry of a device that is gone", async () => {
  const run = await modaliasInProcess(["unbind", "--persist", "--root", root, ...treeArgs(t), "05:00.0"]);

  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(`0000:05:00.0: no such device; forgot persisted vfio-pci (removed ${entry})\n`);
  expect(existsSync(entry)).toBe(false);
});

it("shows the command for --dry-run and keeps the entry", async () => {
  const run = await modaliasInProcess(["unbind", "--dry-run", "--persist", "--root", root, ...treeArgs(t), "05:00.0"]);

  const identity = join(root, "etc/modalias/persisted/pci-0000:05:00.0");
  expect(run.stdout).toBe(
    `0000:05:00.0: no such device; would forget persisted vfio-pci\n  rm -f ${entry} ${identity}\n`,
  );
  expect(existsSync(entry)).toBe(true);
});

it("fails a gone device with nothing persisted, and one unbound without --persist", async () => {
  const nothing = await modaliasInProcess(["unbind", "--persist", "--root", root, ...treeArgs(t), "07:00.0"]);
  expect(nothing.status).toBe(1);
  expect(nothing.stderr).toBe(
    `modalias: 0000:07:00.0: no such device, and nothing was persisted for it (no ${join(root, "etc/driverctl.d/pci-0000:07:00.0")})\n`,
  );

  const plain = await modaliasInProcess(["unbind", ...treeArgs(t), "05:00.0"]);
  expect(plain.status).toBe(1);
  expect(plain.stderr).toContain("0000:05:00.0: read failed: no such PCI device");
  expect(existsSync(entry)).toBe(true);
});

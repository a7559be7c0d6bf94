/** Nothing is persisted for a device that bind refuses, or whose modalias matches no vfio alias. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
beforeEach(async () => {
  t = await scenario([GPU, UNBOUND_NIC]);
  root = tempRoot();
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

const args = (): string[] => ["--persist", "--root", root, ...treeArgs(t)];

it("persists nothing for a device bound to a host driver (refused without --force)", async () => {
  const run = await modaliasInProcess(["bind", ...aliasArgs(t), ...args(), "01:00.0"]);

  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  expect(existsSync(join(root, "etc/driverctl.d"))).toBe(false);
});

it("persists nothing when no vfio alias matches the device", async () => {
  const onlyMlx5 = aliasArgs(t, "# none\nalias vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* mlx5_vfio_pci\n");
  const run = await modaliasInProcess(["bind", ...onlyMlx5, ...args(), "06:00.0"]);

  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^modalias: 0000:06:00\.0: choose failed: no vfio driver alias matches vfio_pci:/);
  expect(existsSync(join(root, "etc/driverctl.d"))).toBe(false);
});

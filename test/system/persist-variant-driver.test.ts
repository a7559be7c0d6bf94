/** The persisted driver is the one whose vfio alias matched: a variant driver when the device has one. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, MLX5_VF, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
beforeEach(async () => {
  t = await scenario([{ ...MLX5_VF, driver: "mlx5_vfio_pci" }], { loaded: { mlx5_vfio_pci: "mlx5_vfio_pci" } });
  root = tempRoot();
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

it("records mlx5_vfio_pci for a ConnectX VF", async () => {
  const args = treeArgs(t);
  const run = await modaliasInProcess(["bind", ...aliasArgs(t), "--persist", "--root", root, ...args, "3b:00.1"]);

  expect(run.status).toBe(0);
  expect(readFileSync(join(root, "etc/driverctl.d/pci-0000:3b:00.1"), "utf8")).toBe("mlx5_vfio_pci\n");
});

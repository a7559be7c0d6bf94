/**
 * `bind --driver` through the command: the persisted entry keeps the chosen driver, and the
 * boot command (`bind --persisted`) keeps the device on that driver, not the best (a ConnectX
 * VF on vfio-pci, not mlx5_vfio_pci).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, MLX5_VF, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
beforeEach(async () => {
  t = await scenario([{ ...MLX5_VF, driver: "vfio-pci", override: "vfio-pci" }], { loaded: { vfio_pci: "vfio-pci" } });
  root = tempRoot();
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

it("persists the chosen driver and binds it again at boot", async () => {
  const args = [...aliasArgs(t), ...treeArgs(t)];
  const bound = await modaliasInProcess([
    "bind",
    "--driver",
    "vfio-pci",
    "--persist",
    "--root",
    root,
    ...args,
    "3b:00.1",
  ]);

  expect(bound.stderr).toBe("");
  expect(bound.stdout).toContain("0000:3b:00.1: already bound to vfio-pci (module vfio_pci); nothing changed");
  expect(readFileSync(join(root, "etc/driverctl.d/pci-0000:3b:00.1"), "utf8")).toBe("vfio-pci\n");

  const boot = await modaliasInProcess(["bind", "--persisted", "--root", root, ...args, "3b:00.1"]);
  expect(boot.stderr).toBe("");
  expect(boot.stdout).toBe("0000:3b:00.1: already bound to vfio-pci (module vfio_pci); nothing changed\n");
  expect(await t.modprobe.calls()).toEqual([]);
});

it("refuses --driver with --persisted", async () => {
  const run = await modaliasInProcess(["bind", "--persisted", "--driver", "vfio-pci", ...treeArgs(t), "3b:00.1"]);

  expect(run.status).toBe(2);
  expect(run.stderr).toBe(
    "modalias: --persisted binds each device to the driver persisted for it; leave out --driver\n",
  );
});

it("refuses --group with --persisted", async () => {
  const group = await modaliasInProcess(["bind", "--persisted", "--group", ...treeArgs(t), "3b:00.1"]);
  expect(group.status).toBe(2);
  expect(group.stderr).toBe("modalias: --persisted binds exactly the devices persisted; leave out --group\n");
});

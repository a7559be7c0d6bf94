/**
 * At boot (`bind --persisted`) each persisted device is bound by itself: a GPU's audio function
 * linked to it as a consumer is not taken along unless it was persisted too.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, GPU_AUDIO, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
beforeEach(async () => {
  t = await scenario([{ ...GPU, consumers: [GPU_AUDIO.address] }, GPU_AUDIO], { loaded: { vfio_pci: "vfio-pci" } });
  root = tempRoot();
  mkdirSync(join(root, "etc/driverctl.d"), { recursive: true });
  writeFileSync(join(root, "etc/driverctl.d/pci-0000:01:00.0"), "vfio-pci\n");
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

it("plans the persisted GPU alone, and both when bound by hand", async () => {
  const args = ["--dry-run", ...aliasArgs(t), ...treeArgs(t), "--root", root, "01:00.0"];
  const boot = await modaliasInProcess(["bind", "--persisted", ...args]);
  expect(boot.stdout).toContain("0000:01:00.0: would bind to vfio-pci");
  expect(boot.stdout).not.toContain("0000:01:00.1");

  const byHand = await modaliasInProcess(["bind", "--force", ...args]);
  expect(byHand.stdout).toContain("0000:01:00.1: would bind to vfio-pci");
});

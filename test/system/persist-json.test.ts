/** With --json, the device's one record carries the persistence result as `persist`. */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
beforeEach(async () => {
  t = await scenario([{ ...UNBOUND_NIC, driver: "vfio-pci" }], { loaded: { vfio_pci: "vfio-pci" } });
  root = tempRoot();
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

it("prints one JSON line with persist {action, file, driver, error}", async () => {
  const args = treeArgs(t);
  const run = await modaliasInProcess([
    "bind",
    ...aliasArgs(t),
    "--json",
    "--persist",
    "--root",
    root,
    ...args,
    "06:00.0",
  ]);

  const lines = run.stdout.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] ?? "")).toMatchObject({
    device: "0000:06:00.0",
    ok: true,
    outcome: "already-bound",
    persist: { action: "saved", file: join(root, "etc/driverctl.d/pci-0000:06:00.0"), driver: "vfio-pci", error: null },
  });
});

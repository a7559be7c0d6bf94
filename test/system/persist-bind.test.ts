/**
 * `bind --persist` through the CLI records the bound driver (not the module)
 * in ROOT/etc/driverctl.d/pci-ADDRESS, mode 0644, as driverctl does; a device
 * already on its vfio driver is recorded too.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
beforeEach(async () => {
  t = await scenario([{ ...UNBOUND_NIC, driver: "vfio-pci", override: "vfio-pci" }], {
    loaded: { vfio_pci: "vfio-pci" },
  });
  root = tempRoot();
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

it("writes the driver name and a newline to ROOT/etc/driverctl.d/pci-0000:06:00.0", async () => {
  const args = treeArgs(t);
  const run = await modaliasInProcess(["bind", ...aliasArgs(t), "--persist", "--root", root, ...args, "06:00.0"]);

  const file = join(root, "etc/driverctl.d/pci-0000:06:00.0");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(
    "0000:06:00.0: already bound to vfio-pci (module vfio_pci); nothing changed\n" +
      `0000:06:00.0: persisted vfio-pci in ${file}\n`,
  );
  expect(readFileSync(file, "utf8")).toBe("vfio-pci\n");
  expect(statSync(file).mode & 0o777).toBe(0o644);
});

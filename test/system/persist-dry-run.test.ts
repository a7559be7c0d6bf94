/** `bind --persist --dry-run` prints the file it would write after the sysfs writes, and writes nothing. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
beforeEach(async () => {
  t = await scenario([UNBOUND_NIC]);
  root = tempRoot();
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

it("ends the action list with `echo DRIVER > FILE` and creates no file", async () => {
  const args = treeArgs(t);
  const run = await modaliasInProcess([
    "bind",
    ...aliasArgs(t),
    "--dry-run",
    "--persist",
    "--root",
    root,
    ...args,
    "06:00.0",
  ]);

  const lines = run.stdout.trimEnd().split("\n");
  expect(run.status).toBe(0);
  expect(lines[0]).toBe("0000:06:00.0: would bind to vfio-pci (module vfio_pci), now no driver");
  expect(lines.at(-1)).toBe(`  echo vfio-pci > ${join(root, "etc/driverctl.d/pci-0000:06:00.0")}`);
  expect(existsSync(join(root, "etc"))).toBe(false);
});

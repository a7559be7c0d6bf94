/**
 * `bind --persist --dry-run` prints the commands that would write the entry after the sysfs
 * writes, and writes nothing; the commands work as shown where /etc/driverctl.d is missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
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

it("ends the action list with `mkdir -p DIR` and `echo DRIVER > FILE`, which work as shown, and creates no file", async () => {
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
  const entry = join(root, "etc/driverctl.d/pci-0000:06:00.0");
  const identity = join(root, "etc/modalias/persisted/pci-0000:06:00.0");
  const persist = lines.slice(-4);
  expect(persist).toEqual([
    `  mkdir -p ${join(root, "etc/driverctl.d")}`,
    `  echo vfio-pci > ${entry}`,
    `  mkdir -p ${join(root, "etc/modalias/persisted")}`,
    `  echo pci:v00008086d00001533sv00008086sd00000000bc02sc00i00 > ${identity}`,
  ]);
  expect(existsSync(join(root, "etc"))).toBe(false);

  execFileSync("sh", ["-e", "-c", persist.join("\n")]);
  expect(readFileSync(entry, "utf8")).toBe("vfio-pci\n");
  expect(readFileSync(identity, "utf8")).toBe("pci:v00008086d00001533sv00008086sd00000000bc02sc00i00\n");
});

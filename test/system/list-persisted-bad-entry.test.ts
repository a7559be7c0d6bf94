/** An entry that is not a valid override is named on stderr (exit 1, no stack trace); the good ones are still listed. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
beforeEach(() => {
  root = tempRoot();
  const dir = join(root, "etc/driverctl.d");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "pci-0000:01:00.0"), "vfio-pci\n");
  writeFileSync(join(dir, "pci-0000:02:00.0"), "");
  writeFileSync(join(dir, "pci-0000:03:00.0"), "../../x\n");
  writeFileSync(join(dir, "pci-1:2:3"), "vfio-pci\n");
  writeFileSync(join(dir, "pci-0000:04:00.0"), "a b\n");
});
afterEach(() => removeRoot(root));

it("reports each bad entry by file and exits 1", () => {
  const run = modalias(["list-persisted", "--root", root]);
  const dir = join(root, "etc/driverctl.d");

  expect(run.status).toBe(1);
  expect(run.stdout).toBe("0000:01:00.0 vfio-pci\n");
  expect(run.stderr.split("\n")).toEqual([
    `modalias: ${dir}/pci-0000:02:00.0: empty (no driver named)`,
    `modalias: ${dir}/pci-0000:03:00.0: holds "../../x", not a driver name`,
    `modalias: ${dir}/pci-0000:04:00.0: holds "a b", not a driver name (one word, no white space)`,
    `modalias: ${dir}/pci-1:2:3: not a PCI address as sysfs names it: "1:2:3"`,
    "",
  ]);
});

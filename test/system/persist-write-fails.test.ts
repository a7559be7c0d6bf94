/** A persisted file that cannot be written is reported naming the file, with exit status 1; the binding is left as it is. */
import { writeFileSync } from "node:fs";
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
  writeFileSync(join(root, "etc"), "a file where the etc directory should be\n");
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

it("says `not persisted: ... writing FILE` on stderr, exits 1, and leaves the binding", async () => {
  const args = treeArgs(t);
  const run = await modaliasInProcess(["bind", ...aliasArgs(t), "--persist", "--root", root, ...args, "06:00.0"]);

  const file = join(root, "etc/driverctl.d/pci-0000:06:00.0");
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("0000:06:00.0: already bound to vfio-pci (module vfio_pci); nothing changed\n");
  expect(run.stderr).toMatch(
    new RegExp(`^modalias: 0000:06:00\\.0: not persisted: .*\\(ENOTDIR\\) writing ${file.replaceAll(".", "\\.")}\\n$`),
  );
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(await t.fake.driverOf("0000:06:00.0")).toBe("vfio-pci");
});

/** After a real bind (fake kernel), the persistence step records the driver bind ended on. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevices } from "../../src/binder/together.js";
import { emitChange } from "../../src/cli/changes.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { capturedOutput } from "../helpers/cli.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";
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

it("binds to vfio-pci, then persists vfio-pci", async () => {
  const [report] = await bindDevices(t.ctx, t.choose, [parsePciAddress("06:00.0")]);
  const out = capturedOutput();
  if (report === undefined) throw new Error("no report");

  await emitChange(out.output, false, report, root, false);

  const file = join(root, "etc/driverctl.d/pci-0000:06:00.0");
  expect(out.stdout).toBe(
    `0000:06:00.0: bound to vfio-pci (module vfio_pci), was no driver\n0000:06:00.0: persisted vfio-pci in ${file}\n`,
  );
  expect(out.status).toBe(0);
  expect(readFileSync(file, "utf8")).toBe("vfio-pci\n");
});

/**
 * `unbind --persist` forgets: after a real unbind (fake kernel) the persisted
 * file is removed; without a file it says nothing was persisted; through the
 * CLI with --dry-run it prints `rm FILE` and keeps the file.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { unbindDevices } from "../../src/binder/together.js";
import { emitChange } from "../../src/cli/changes.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { capturedOutput, modaliasInProcess } from "../helpers/cli.js";
import { GPU, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let t: Scenario;
let root: string;
let file: string;
beforeEach(async () => {
  t = await scenario([{ ...GPU, driver: "vfio-pci", override: "vfio-pci", hostDriver: "nouveau" }], {
    loaded: { vfio_pci: "vfio-pci" },
  });
  root = tempRoot();
  file = join(root, "etc/driverctl.d/pci-0000:01:00.0");
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

function persisted(): void {
  mkdirSync(join(root, "etc/driverctl.d"), { recursive: true });
  writeFileSync(file, "vfio-pci\n");
}

async function unbindPersist(): Promise<ReturnType<typeof capturedOutput>> {
  const [report] = await unbindDevices(t.ctx, [parsePciAddress("01:00.0")]);
  if (report === undefined) throw new Error("no report");
  const out = capturedOutput();
  await emitChange(out.output, false, report, root, false);
  return out;
}

it("removes the file after the device is released", async () => {
  persisted();

  const out = await unbindPersist();

  expect(out.stderr).toBe("");
  expect(out.stdout).toBe(
    `0000:01:00.0: released from vfio-pci; now bound to nouveau\n0000:01:00.0: forgot persisted vfio-pci (removed ${file})\n`,
  );
  expect(existsSync(file)).toBe(false);
});

it("says nothing was persisted when there is no file", async () => {
  const out = await unbindPersist();

  expect(out.status).toBe(0);
  expect(out.stdout).toContain(`0000:01:00.0: nothing was persisted (no ${file})`);
});

it("prints `rm -f FILE IDENTITY` for --dry-run through the CLI and keeps the file", async () => {
  persisted();
  const args = treeArgs(t);

  const run = await modaliasInProcess(["unbind", "--dry-run", "--persist", "--root", root, ...args, "01:00.0"]);

  expect(run.status).toBe(0);
  const identity = join(root, "etc/modalias/persisted/pci-0000:01:00.0");
  expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(`  rm -f ${file} ${identity}`);
  expect(existsSync(file)).toBe(true);
});

/** Exit status: 2 for bad input (and nothing runs), 1 when a device fails, 0 otherwise; errors as `modalias: DEVICE: reason`. */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU])));
afterEach(() => t.fake.cleanup());

/** An alias file that is not there: reading it would be an error of its own. */
const missingAliases = (): string[] => ["--alias-file", join(t.fake.base, "missing.alias"), "--no-config"];

it("exits 2 on a bad address and touches no device, even the good ones", async () => {
  const run = await modaliasInProcess(["bind", ...missingAliases(), "--force", ...treeArgs(t), "01:00.0", "../../etc"]);

  expect(run.status).toBe(2);
  // Only the address is named: the chooser (and its missing alias file) was never opened.
  expect(run.stderr).toBe('modalias: "../../etc": not a PCI address (expected DDDD:BB:DD.F or BB:DD.F, hex)\n');
  expect(run.stdout).toBe("");
  expect(await t.modprobe.calls()).toEqual([]);
});

it("exits 1 when a device is refused, with the reason on stderr", async () => {
  const run = await modaliasInProcess(["bind", ...aliasArgs(t), ...treeArgs(t), "01:00.0"]);

  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    "modalias: 0000:01:00.0: refused: bound to host driver nouveau (use --force to take it anyway)\n",
  );
});

it("exits 1 when a device fails, naming the step", async () => {
  const run = await modaliasInProcess(["vfio", ...aliasArgs(t), "--sysfs-root", t.fake.sys, "0000:09:00.0"]);

  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^modalias: 0000:09:00\.0: no such PCI device/);
});

it("exits 2 when the chooser cannot be built", async () => {
  const run = await modaliasInProcess(["vfio", ...missingAliases(), "--sysfs-root", t.fake.sys, "01:00.0"]);

  expect(run.status).toBe(2);
  expect(run.stderr).toBe(`modalias: ${join(t.fake.base, "missing.alias")}: no such file\n`);
});

it("exits 0 when every device succeeds", async () => {
  const run = await modaliasInProcess(["vfio", ...aliasArgs(t), "--sysfs-root", t.fake.sys, "01:00.0"]);

  expect(run.status).toBe(0);
  expect(run.stderr).toBe("");
});

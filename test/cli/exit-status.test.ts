/** Exit status: 2 for bad input (and nothing runs), 1 when a device fails, 0 otherwise; errors as `modalias: DEVICE: reason`. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { runCli } from "../helpers/binder-cli.js";
import { GPU, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU])));
afterEach(() => t.fake.cleanup());

it("exits 2 on a bad address and touches no device, even the good ones", async () => {
  const run = await runCli(["bind", "--force", ...treeArgs(t), "01:00.0", "../../etc"], t.choose);

  expect(run.status).toBe(2);
  expect(run.stderr).toBe('modalias: "../../etc": not a PCI address (expected DDDD:BB:DD.F or BB:DD.F, hex)\n');
  expect(run.stdout).toBe("");
  expect(run.chooserOpts).toBeNull();
  expect(await t.modprobe.calls()).toEqual([]);
});

it("exits 1 when a device is refused, with the reason on stderr", async () => {
  const run = await runCli(["bind", ...treeArgs(t), "01:00.0"], t.choose);

  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    "modalias: 0000:01:00.0: refused: bound to host driver nouveau (use --force to take it anyway)\n",
  );
});

it("exits 1 when a device fails, naming the step", async () => {
  const run = await runCli(["vfio", "--sysfs-root", t.fake.sys, "0000:09:00.0"], t.choose);

  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^modalias: 0000:09:00\.0: no such PCI device/);
});

it("exits 2 when the chooser cannot be built", async () => {
  const run = await runCli(
    ["vfio", "--sysfs-root", t.fake.sys, "01:00.0"],
    new Error("no index: modules.alias not found"),
  );

  expect(run.status).toBe(2);
  expect(run.stderr).toBe("modalias: no index: modules.alias not found\n");
});

it("exits 0 when every device succeeds", async () => {
  const run = await runCli(["vfio", "--sysfs-root", t.fake.sys, "01:00.0"], t.choose);

  expect(run.status).toBe(0);
  expect(run.stderr).toBe("");
});

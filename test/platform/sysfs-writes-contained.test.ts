/**
 * Every sysfs write stays inside the sysfs root: a drivers_probe or a
 * driver_override that is a symbolic link is refused (never followed), and a
 * device's `driver` link that leads out of the tree is refused (relative) or
 * read as a path inside it (absolute); the file outside is never written.
 * The kernel's own layout (device links into devices/, the driver link) is
 * written through as before.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { fsWriter, type SysfsPath } from "../../src/platform/sysfs.js";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
let outside: string;
beforeEach(async () => {
  t = await scenario([UNBOUND_NIC, GPU], { loaded: { vfio_pci: "vfio-pci" } });
  outside = join(t.fake.base, "outside");
  mkdirSync(outside);
  writeFileSync(join(outside, "precious"), "keep me\n");
  writeFileSync(join(outside, "unbind"), "keep me\n");
});
afterEach(async () => {
  rmSync(outside, { recursive: true, force: true });
  await t.fake.cleanup();
});

const bind = (...args: string[]) => modaliasInProcess(["bind", ...aliasArgs(t), ...treeArgs(t), ...args]);

it("refuses a drivers_probe that links out of the tree, and rolls back", async () => {
  const probe = join(t.fake.sys, "bus/pci/drivers_probe");
  unlinkSync(probe);
  symlinkSync(join(outside, "precious"), probe);

  const run = await bind("06:00.0");

  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    `modalias: 0000:06:00.0: probe failed: ${probe}: is a symbolic link, not followed; rolled back\n`,
  );
  expect(run.stderr).toContain("rolled back");
  expect(readFileSync(join(outside, "precious"), "utf8")).toBe("keep me\n");
  expect(readFileSync(join(t.fake.deviceDir("0000:06:00.0"), "driver_override"), "utf8")).toBe("\n");
});

it("refuses a driver_override that is a symbolic link, without truncating its target", async () => {
  const override = join(t.fake.deviceDir("0000:06:00.0"), "driver_override");
  unlinkSync(override);
  symlinkSync(join(outside, "precious"), override);

  const run = await bind("06:00.0");

  expect(run.status).toBe(1);
  expect(run.stderr).toContain("is a symbolic link, not followed");
  expect(readFileSync(join(outside, "precious"), "utf8")).toBe("keep me\n");
});

it("never writes the unbind file of a driver link that leads out of the tree", async () => {
  const driver = join(t.fake.deviceDir("0000:01:00.0"), "driver");
  unlinkSync(driver);
  symlinkSync("../../../../outside", driver);

  const relative = await bind("--force", "01:00.0");
  expect(relative.status).toBe(1);
  expect(relative.stderr).toContain(`leads out of ${t.fake.sys} through a symbolic link`);

  unlinkSync(driver);
  symlinkSync(outside, driver);
  const absolute = await bind("--force", "01:00.0");
  expect(absolute.status).toBe(1);

  expect(readFileSync(join(outside, "unbind"), "utf8")).toBe("keep me\n");
});

it("writes through the kernel's own links: the device link and its driver link", async () => {
  await fsWriter(t.fake.sys).write("bus/pci/devices/0000:01:00.0/driver/unbind" as SysfsPath, "0000:01:00.0");
  expect(readFileSync(join(t.fake.sys, "bus/pci/drivers/nouveau/unbind"), "utf8")).toBe("0000:01:00.0");
});

/**
 * Sysfs attributes and driverctl entries are read as regular files of at most
 * a page, without blocking: a FIFO or a device in their place is refused at
 * once, naming it, for status, bind and list-persisted alike.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([UNBOUND_NIC], { loaded: { vfio_pci: "vfio-pci" } })));
afterEach(() => t.fake.cleanup());

/** The attribute as the binder names it, through the bus/pci/devices link. */
const attribute = (name: string): string => join(t.fake.sys, "bus/pci/devices/0000:06:00.0", name);
const fifoAt = (path: string): void => {
  unlinkSync(path);
  execFileSync("mkfifo", [path]);
};

it("refuses a FIFO as a device's modalias", { timeout: 10_000 }, async () => {
  fifoAt(attribute("modalias"));
  const run = await modaliasInProcess(["status", ...aliasArgs(t), ...treeArgs(t).slice(0, 4), "06:00.0"]);
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(`modalias: 0000:06:00.0: ${attribute("modalias")}: is a FIFO, not a regular file\n`);
});

it("refuses a modalias that links to /dev/zero", { timeout: 10_000 }, async () => {
  unlinkSync(attribute("modalias"));
  symlinkSync("/dev/zero", attribute("modalias"));
  const run = await modaliasInProcess(["status", ...aliasArgs(t), ...treeArgs(t).slice(0, 4), "06:00.0"]);
  expect(run.stderr).toContain("is a character device, not a regular file");
});

it("refuses a FIFO as driver_override or drivers_probe when binding", { timeout: 10_000 }, async () => {
  fifoAt(join(t.fake.sys, "bus/pci/drivers_probe"));
  const probe = await modaliasInProcess(["bind", ...aliasArgs(t), ...treeArgs(t), "06:00.0"]);
  expect(probe.status).toBe(1);
  expect(probe.stderr).toContain(`${join(t.fake.sys, "bus/pci/drivers_probe")}: is a FIFO, not a regular file`);

  fifoAt(attribute("driver_override"));
  const override = await modaliasInProcess(["bind", ...aliasArgs(t), ...treeArgs(t), "06:00.0"]);
  expect(override.status).toBe(1);
  expect(override.stderr).toContain(`${attribute("driver_override")}: is a FIFO, not a regular file`);
});

it("refuses a FIFO as a driverctl.d entry", { timeout: 10_000 }, async () => {
  const dir = join(t.fake.base, "etc/driverctl.d");
  mkdirSync(dir, { recursive: true });
  execFileSync("mkfifo", [join(dir, "pci-0000:06:00.0")]);
  const run = await modaliasInProcess(["list-persisted", "--root", t.fake.base]);
  expect(run).toEqual({
    status: 1,
    stdout: "",
    stderr: `modalias: ${join(dir, "pci-0000:06:00.0")}: is a FIFO, not a regular file\n`,
  });
});

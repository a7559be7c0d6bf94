/**
 * `bind` and `unbind` say up front that they need root, before reading aliases or touching a
 * device; a dry run needs none. The user is read from --proc-root's self/status, so the tests
 * (run as root) stand in for another user there.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, type Scenario, scenario, treeArgs, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => {
  t = await scenario([UNBOUND_NIC]);
});
afterEach(() => t.fake.cleanup());

function asUser(uid: number): void {
  writeFileSync(join(t.fake.proc, "self/status"), `Name:\tmodalias\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`);
}

it.each(["bind", "unbind"])("%s as another user stops before anything else", async (command) => {
  asUser(1000);
  const missing = join(t.fake.base, "missing.alias");
  const sources = command === "bind" ? ["--alias-file", missing] : [];
  const run = await modaliasInProcess([command, ...sources, ...treeArgs(t), "not-an-address"]);

  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe(
    `modalias: ${command} needs root (it writes sysfs and loads modules); run it with sudo, or try --dry-run\n`,
  );
  expect(await t.fake.overrideOf(UNBOUND_NIC.address)).toBeNull();
  expect(await t.modprobe.calls()).toEqual([]);
});

it("plans as another user with --dry-run", async () => {
  asUser(1000);
  const run = await modaliasInProcess(["bind", "--dry-run", ...aliasArgs(t), ...treeArgs(t), "06:00.0"]);

  expect(run.status).toBe(0);
  expect(run.stdout).toContain("0000:06:00.0: would bind to vfio-pci (module vfio_pci), now no driver");
});

it("goes on as root (effective user id 0)", async () => {
  writeFileSync(join(t.fake.proc, "self/status"), "Name:\tmodalias\nUid:\t1000\t0\t0\t0\n");
  const run = await modaliasInProcess(["bind", ...aliasArgs(t), ...treeArgs(t), "06:00.0"]);

  expect(run.stderr).not.toContain("needs root");
  expect(await t.modprobe.calls()).toEqual(["vfio_pci"]);
});

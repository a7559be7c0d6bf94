/** `--persist` with a --root that is not a directory stops before any device is changed, naming it. */
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

it.each([
  ["missing", "no such directory"],
  ["file", "not a directory"],
])("refuses a --root that is %s", async (kind, words) => {
  const root = join(t.fake.base, kind);
  if (kind === "file") writeFileSync(root, "");
  for (const command of [["bind", ...aliasArgs(t)], ["unbind"]]) {
    const run = await modaliasInProcess([...command, "--persist", "--root", root, ...treeArgs(t), "06:00.0"]);

    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`modalias: --root ${root}: ${words}\n`);
  }
  expect(await t.modprobe.calls()).toEqual([]);
  expect(await t.fake.overrideOf(UNBOUND_NIC.address)).toBeNull();
});

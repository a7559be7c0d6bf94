/**
 * A mistyped command gets a "did you mean" for every command, the binder's and the system's
 * included, and `--help` lists them all (they used to be registered only when named).
 */
import { expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";

it.each([
  ["statu", "status"],
  ["bnd", "bind"],
  ["hook", "hooks"],
  ["devces", "devices"],
  ["compil", "compile"],
])("%s: did you mean %s?", async (typed, meant) => {
  const run = await modaliasInProcess([typed]);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`unknown command '${typed}'\n(Did you mean ${meant}?)`);
});

it("lists every command in --help", async () => {
  const run = await modaliasInProcess(["--help"]);
  for (const command of [
    "compile",
    "match",
    "devices",
    "vfio",
    "bind",
    "unbind",
    "status",
    "hooks",
    "list-persisted",
  ]) {
    expect(run.stdout).toMatch(new RegExp(`\\n  ${command} `));
  }
});

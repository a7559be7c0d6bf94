/**
 * `match --refresh` rewrites a stale or missing index from its alias file
 * and says so; the next run uses it silently. When the index cannot be
 * written the failure is reported and the query is still answered. Without
 * an alias file to compile from, --refresh is a usage error.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { decodeIndex } from "../../src/index/format.js";
import { modalias } from "../helpers/cli.js";
import { editAliases, I40E_KEY, moduleTree, type Tree } from "../helpers/module-tree.js";

let tree: Tree | undefined;
afterEach(() => tree?.remove());

it("rewrites a stale kernel index, which the next run then uses", () => {
  tree = moduleTree(true);
  editAliases(tree);
  const first = modalias(["match", "--refresh", ...tree.kernelArgs, I40E_KEY]);
  expect(first.stdout).toBe("ixgb\n");
  expect(first.stderr).toContain(`is stale`);
  expect(first.stderr).toContain(`modalias: refreshed ${tree.indexFile}\n`);
  expect(decodeIndex(readFileSync(tree.indexFile)).aliases.modules).toContain("ixgb");
  expect(modalias(["match", ...tree.kernelArgs, I40E_KEY])).toEqual({ status: 0, stdout: "ixgb\n", stderr: "" });
});

it("writes a missing kernel index", () => {
  tree = moduleTree(false);
  const run = modalias(["match", "--refresh", ...tree.kernelArgs, I40E_KEY]);
  expect(run).toEqual({ status: 0, stdout: "i40e\n", stderr: `modalias: refreshed ${tree.indexFile}\n` });
  expect(existsSync(tree.indexFile)).toBe(true);
});

it("reports a failed write and still answers from memory", () => {
  tree = moduleTree(false);
  const index = join(tree.basedir, "no-such-dir", "modules.alias.index");
  const run = modalias(["match", "--refresh", "--index", index, "--alias-file", tree.aliasFile, I40E_KEY]);
  expect(run.stdout).toBe("i40e\n");
  expect(run.status).toBe(0);
  expect(run.stderr).toBe(
    `modalias: warning: ${index}: no such file; answering from ${tree.aliasFile}\nmodalias: warning: could not refresh the index: ${join(tree.basedir, "no-such-dir")}: no such directory\n`,
  );
});

it("refuses --refresh without an alias file to compile from", () => {
  tree = moduleTree(true);
  const run = modalias(["match", "--refresh", "--index", tree.indexFile, I40E_KEY]);
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr:
      "modalias: --refresh needs the alias file to compile the index from (--alias-file)\n" +
      "Usage: modalias match [options] [modalias...]\nSee 'modalias match --help'.\n",
  });
});

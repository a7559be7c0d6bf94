/**
 * `match --index FILE --alias-file FILE` uses the index when it is valid and
 * fresh for that alias file; otherwise it says why on stderr (missing, not
 * an index, a directory, stale) and answers from the alias file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias, type Run } from "../helpers/cli.js";
import { editAliases, I40E_KEY, moduleTree, type Tree } from "../helpers/module-tree.js";

let tree: Tree;
beforeEach(() => (tree = moduleTree(true)));
afterEach(() => tree.remove());

const match = (index: string): Run => modalias(["match", "--index", index, "--alias-file", tree.aliasFile, I40E_KEY]);

it("uses a fresh index silently", () => {
  const run = match(tree.indexFile);
  expect(run).toEqual({ status: 0, stdout: "i40e\n", stderr: "" });
});

it("falls back to the alias file when the index is not an index", () => {
  writeFileSync(tree.indexFile, "garbage");
  const run = match(tree.indexFile);
  expect(run.stdout).toBe("i40e\n");
  expect(run.stderr).toBe(
    `modalias: ${tree.indexFile}: not a modalias index (no MODALIAS magic at the start); using ${tree.aliasFile}\n`,
  );
  expect(run.status).toBe(0);
});

it("falls back to the alias file when the index is missing", () => {
  const run = match(`${tree.indexFile}.gone`);
  expect(run.stdout).toBe("i40e\n");
  expect(run.stderr).toBe(`modalias: ${tree.indexFile}.gone: no such file; using ${tree.aliasFile}\n`);
});

it("falls back to the alias file, with the new answer, when the index is stale", () => {
  editAliases(tree);
  const run = match(tree.indexFile);
  expect(run.stdout).toBe("ixgb\n");
  expect(run.stderr).toBe(
    `modalias: ${tree.indexFile} is stale (${tree.aliasFile} changed since it was compiled); using ${tree.aliasFile}\n`,
  );
});

it("falls back to the alias file when the index is a directory", () => {
  mkdirSync(`${tree.indexFile}.d`);
  const run = match(`${tree.indexFile}.d`);
  expect(run.stdout).toBe("i40e\n");
  expect(run.stderr).toBe(`modalias: ${tree.indexFile}.d: is a directory; using ${tree.aliasFile}\n`);
});

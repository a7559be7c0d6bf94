/**
 * `match --index FILE --alias-file FILE` uses the index when it is valid and
 * fresh for that alias file; otherwise it says why on stderr (missing, not
 * an index, a directory, stale) and answers from the alias file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias, type Run } from "../helpers/cli.js";
import { editAliases, I40E_KEY, moduleTree, type Tree } from "../helpers/module-tree.js";

let tree: Tree;
beforeEach(() => (tree = moduleTree(true)));
afterEach(() => tree.remove());

/** What the fallback adds after the reason: where the answer comes from and how to update the index. */
const fallback = (index: string): string =>
  `; answering from ${tree.aliasFile}; update it with modalias compile ${tree.aliasFile} -o ${index} (or add --refresh)\n`;

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
    `modalias: warning: ${tree.indexFile}: not a modalias index (no MODALIAS magic at the start)${fallback(tree.indexFile)}`,
  );
  expect(run.status).toBe(0);
});

it("falls back to the alias file when the index is missing", () => {
  const run = match(`${tree.indexFile}.gone`);
  expect(run.stdout).toBe("i40e\n");
  expect(run.stderr).toBe(
    `modalias: warning: ${tree.indexFile}.gone: no such file${fallback(`${tree.indexFile}.gone`)}`,
  );
});

it("falls back to the alias file, with the new answer, when the index is stale", () => {
  editAliases(tree);
  const run = match(tree.indexFile);
  expect(run.stdout).toBe("ixgb\n");
  expect(run.stderr).toBe(
    `modalias: warning: ${tree.indexFile} is stale (modules.alias changed since it was compiled)${fallback(tree.indexFile)}`,
  );
});

it("calls a truncated index truncated, not stale, when the alias file changed too", () => {
  const whole = readFileSync(tree.indexFile);
  writeFileSync(tree.indexFile, whole.subarray(0, whole.length - 100));
  editAliases(tree);
  const run = match(tree.indexFile);
  expect(run.stdout).toBe("ixgb\n");
  expect(run.stderr).toMatch(/: truncated: the body has \d+ of its \d+ bytes; answering from /);
});

it("falls back to the alias file when the index is a directory", () => {
  mkdirSync(`${tree.indexFile}.d`);
  const run = match(`${tree.indexFile}.d`);
  expect(run.stdout).toBe("i40e\n");
  expect(run.stderr).toBe(`modalias: warning: ${tree.indexFile}.d: is a directory${fallback(`${tree.indexFile}.d`)}`);
});

/**
 * The kernel's modules.alias.index is not used once modules.alias has
 * changed: a new size, or the same size with new contents and a new mtime
 * (the SHA-256 differs). The CLI says the index is stale and answers from
 * the text. An unchanged file, even touched, keeps its index in use.
 */
import { appendFileSync, utimesSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias, type Run } from "../helpers/cli.js";
import { editAliases, I40E_KEY, moduleTree, type Tree, VERSION } from "../helpers/module-tree.js";

let tree: Tree;
beforeEach(() => (tree = moduleTree(true)));
afterEach(() => tree.remove());

const match = (): Run => modalias(["match", ...tree.kernelArgs, I40E_KEY]);
const staleNote = (): string =>
  `modalias: warning: ${tree.indexFile} is stale (modules.alias changed since it was compiled); answering from ${tree.aliasFile}; update it with modalias compile -b ${tree.basedir} -k ${VERSION} (or add --refresh)\n`;

it("uses the index while modules.alias is unchanged, even when only its mtime moved", () => {
  expect(match()).toEqual({ status: 0, stdout: "i40e\n", stderr: "" });
  utimesSync(tree.aliasFile, 1_800_000_000, 1_800_000_000);
  expect(match()).toEqual({ status: 0, stdout: "i40e\n", stderr: "" });
});

it("reports a stale index when the size changed", () => {
  appendFileSync(tree.aliasFile, "alias pci:v00008086d00001572sv00008086sd*bc*sc*i* aaa\n");
  const run = match();
  expect(run.stderr).toBe(staleNote());
  expect(run.stdout).toBe("aaa\n");
});

it("reports a stale index when the contents changed at the same size", () => {
  editAliases(tree);
  const run = match();
  expect(run.stderr).toBe(staleNote());
  expect(run.stdout).toBe("ixgb\n");
});

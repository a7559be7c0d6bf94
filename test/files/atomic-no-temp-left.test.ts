/**
 * Compiling leaves no temporary file behind: not on success, not when the
 * output cannot be put in place (its path is a directory, or its directory
 * does not exist); a failed compile leaves an existing index untouched.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_ALIASES } from "../helpers/small.js";

let tmp: ReturnType<typeof scratch>;
beforeEach(() => {
  tmp = scratch();
  writeFileSync(tmp.path("modules.alias"), SMALL_ALIASES);
});
afterEach(() => tmp.remove());

it("leaves only the index after a successful compile", () => {
  expect(modalias(["compile", tmp.path("modules.alias")]).status).toBe(0);
  expect(readdirSync(tmp.dir).sort()).toEqual(["modules.alias", "modules.alias.index"]);
});

it("removes its temporary file when the output path is a directory", () => {
  mkdirSync(tmp.path("out.index"));
  const run = modalias(["compile", tmp.path("modules.alias"), "-o", tmp.path("out.index")]);
  expect(run).toEqual({ status: 2, stdout: "", stderr: `modalias: ${tmp.path("out.index")}: is a directory\n` });
  expect(readdirSync(tmp.dir).sort()).toEqual(["modules.alias", "out.index"]);
  expect(readdirSync(tmp.path("out.index"))).toEqual([]);
});

it("fails cleanly when the output directory does not exist", () => {
  const out = tmp.path("missing/out.index");
  const run = modalias(["compile", tmp.path("modules.alias"), "-o", out]);
  expect(run).toEqual({ status: 2, stdout: "", stderr: `modalias: ${tmp.path("missing")}: no such directory\n` });
  expect(readdirSync(tmp.dir)).toEqual(["modules.alias"]);
});

it("leaves an existing index untouched when the alias file cannot be read", () => {
  writeFileSync(tmp.path("old.index"), "previous");
  const run = modalias(["compile", tmp.path("gone.alias"), "-o", tmp.path("old.index")]);
  expect(run.status).toBe(2);
  expect(readFileSync(tmp.path("old.index"), "utf8")).toBe("previous");
  expect(readdirSync(tmp.dir).sort()).toEqual(["modules.alias", "old.index"]);
});

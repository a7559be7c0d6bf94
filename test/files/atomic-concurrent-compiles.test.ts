/**
 * Several compiles of the same input into the same output at once all
 * succeed, and the index left behind is whole and valid, byte for byte what
 * one compile writes.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { decodeIndex } from "../../src/index/format.js";
import { modalias } from "../helpers/cli.js";
import { combinedAliases } from "../helpers/data.js";
import { scratch } from "../helpers/scratch.js";

const tmp = scratch();
afterAll(() => tmp.remove());

it("lets concurrent compiles of one input all succeed with a valid result", async () => {
  const input = tmp.path("modules.alias");
  const output = tmp.path("modules.alias.index");
  writeFileSync(input, combinedAliases());
  const runs = await Promise.all([1, 2, 3, 4].map(() => modalias(["compile", input, "-o", output], { async: true })));
  for (const run of runs) expect(run.status, run.stderr).toBe(0);
  const result = readFileSync(output);
  expect(decodeIndex(result).aliases.entries.line.length).toBeGreaterThan(20_000);
  expect(readdirSync(tmp.dir).sort()).toEqual(["modules.alias", "modules.alias.index"]);
  expect(modalias(["compile", input, "-o", tmp.path("single.index")]).status).toBe(0);
  expect(result.equals(readFileSync(tmp.path("single.index")))).toBe(true);
});

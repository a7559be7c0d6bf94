/**
 * SOURCE_DATE_EPOCH (the reproducible-builds convention) makes compile
 * record no mtime, as --no-mtime does, so the index depends on the alias
 * file's bytes alone; a value that is not a number of seconds is refused.
 */
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { decodeHeader } from "../../src/index/format.js";
import { modalias, type Run } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());

function compile(name: string, mtime: number, epoch: string): Run {
  const input = tmp.path(`${name}.alias`);
  writeFileSync(input, SMALL_ALIASES);
  utimesSync(input, mtime, mtime);
  return modalias(["compile", input, "-o", tmp.path(`${name}.index`)], { env: { SOURCE_DATE_EPOCH: epoch } });
}

it("records no mtime when SOURCE_DATE_EPOCH is set", () => {
  expect(compile("a", 1_700_000_000, "1600000000").status).toBe(0);
  expect(compile("b", 1_800_000_000, "1700000000").status).toBe(0);
  const first = readFileSync(tmp.path("a.index"));
  expect(decodeHeader(first).source.mtimeMs).toBeNull();
  expect(first.equals(readFileSync(tmp.path("b.index")))).toBe(true);
});

it("refuses a SOURCE_DATE_EPOCH that is not a number of seconds", () => {
  const run = compile("c", 1_700_000_000, "yesterday");
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr: 'modalias: SOURCE_DATE_EPOCH="yesterday" is not a number of seconds since the epoch\n',
  });
});

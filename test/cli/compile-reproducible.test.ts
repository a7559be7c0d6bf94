/**
 * The index is a function of its input: compiling the same file again gives
 * the same bytes; with --no-mtime, copies of the file with other mtimes
 * give the same bytes too, and the header records no mtime.
 */
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { decodeHeader } from "../../src/index/format.js";
import { modalias } from "../helpers/cli.js";
import { combinedAliases } from "../helpers/data.js";
import { scratch } from "../helpers/scratch.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const text = combinedAliases();

function compile(name: string, mtime: number, args: string[]): Buffer {
  const input = tmp.path(`${name}.alias`);
  writeFileSync(input, text);
  utimesSync(input, mtime, mtime);
  const run = modalias(["compile", input, "-o", tmp.path(`${name}.index`), ...args]);
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(tmp.path(`${name}.index`));
}

it("gives byte-identical indexes for the same input", () => {
  const first = compile("a", 1_700_000_000, []);
  const second = compile("a", 1_700_000_000, []);
  expect(first.equals(second)).toBe(true);
  expect(decodeHeader(first).source.mtimeMs).toBe(1_700_000_000_000);
});

it("with --no-mtime, gives byte-identical indexes whatever the file's mtime", () => {
  const first = compile("b", 1_700_000_000, ["--no-mtime"]);
  const second = compile("c", 1_800_000_000, ["--no-mtime"]);
  expect(first.equals(second)).toBe(true);
  expect(decodeHeader(first).source.mtimeMs).toBeNull();
});

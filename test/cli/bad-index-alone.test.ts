/**
 * `match --index FILE` without an alias file to fall back on refuses a bad
 * index: `modalias: FILE: reason` on stderr, nothing on stdout, exit 2.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { smallIndex } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const KEY = "acpi:PNP0C0A:";

it("refuses a truncated, foreign, empty, missing or directory index with its reason", () => {
  const cases: [string, Buffer | "dir" | null, string][] = [
    ["cut.index", smallIndex().subarray(0, smallIndex().length - 10), "truncated: the body has"],
    ["text.index", Buffer.from("alias pci:* x\n"), "not a modalias index (no MODALIAS magic at the start)"],
    ["empty.index", Buffer.alloc(0), "empty file, not a modalias index"],
    ["gone.index", null, "no such file"],
    ["dir.index", "dir", "is a directory"],
  ];
  for (const [name, contents, reason] of cases) {
    if (contents === "dir") mkdirSync(tmp.path(name));
    else if (contents !== null) writeFileSync(tmp.path(name), contents);
    const run = modalias(["match", "--index", tmp.path(name), KEY]);
    expect(run.status, name).toBe(2);
    expect(run.stdout, name).toBe("");
    expect(run.stderr, name).toContain(`modalias: ${tmp.path(name)}: ${reason}`);
  }
  writeFileSync(tmp.path("good.index"), smallIndex());
  expect(modalias(["match", "--index", tmp.path("good.index"), KEY])).toEqual({
    status: 0,
    stdout: "battery\n",
    stderr: "",
  });
});

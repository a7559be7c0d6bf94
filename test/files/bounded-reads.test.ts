/**
 * No input is read forever or waited on: a FIFO or a device as an alias file,
 * a modinfo file or an index is refused at once, naming it; with
 * `--index I --alias-file A` a FIFO index falls back to A; a file larger than
 * its limit is refused by its size, before it is read.
 */
import { execFileSync } from "node:child_process";
import { symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const aliases = tmp.path("modules.alias");
writeFileSync(aliases, SMALL_ALIASES);
const fifo = tmp.path("fifo");
execFileSync("mkfifo", [fifo]);
const KEY = "acpi:PNP0C0A:";

it("refuses /dev/zero as an alias file, for match and compile", { timeout: 10_000 }, async () => {
  const match = await modaliasInProcess(["match", "--alias-file", "/dev/zero", KEY]);
  expect(match).toEqual({
    status: 2,
    stdout: "",
    stderr: "modalias: /dev/zero: is a character device, not a regular file\n",
  });
  const compile = await modaliasInProcess(["compile", "/dev/zero", "-o", tmp.path("zero.index")]);
  expect(compile.stderr).toBe("modalias: /dev/zero: is a character device, not a regular file\n");
});

it("refuses a FIFO as an alias file, a modinfo file or an index", { timeout: 10_000 }, async () => {
  const reason = `modalias: ${fifo}: is a FIFO, not a regular file\n`;
  expect((await modaliasInProcess(["match", "--alias-file", fifo, KEY])).stderr).toBe(reason);
  expect((await modaliasInProcess(["match", "--alias-file", aliases, "--builtin-modinfo", fifo, KEY])).stderr).toBe(
    reason,
  );
  expect((await modaliasInProcess(["match", "--index", fifo, KEY])).stderr).toBe(reason);
});

it("refuses an index that links to /dev/zero", { timeout: 10_000 }, async () => {
  const index = tmp.path("zero.index");
  symlinkSync("/dev/zero", index);
  const run = await modaliasInProcess(["match", "--index", index, KEY]);
  expect(run.stderr).toBe(`modalias: ${index}: is a character device, not a regular file\n`);
});

it("falls back to the alias file when the index is a FIFO", { timeout: 10_000 }, async () => {
  const run = await modaliasInProcess(["match", "--index", fifo, "--alias-file", aliases, KEY]);
  expect(run).toEqual({
    status: 0,
    stdout: "battery\n",
    stderr: `modalias: warning: ${fifo}: is a FIFO, not a regular file; answering from ${aliases}; update it with modalias compile ${aliases} -o ${fifo} (or add --refresh)\n`,
  });
});

it("refuses a 1 GB alias file by its size, naming it", { timeout: 10_000 }, async () => {
  const huge = tmp.path("huge.alias");
  writeFileSync(huge, "");
  truncateSync(huge, 1 << 30);
  const run = await modaliasInProcess(["match", "--alias-file", huge, KEY]);
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr: `modalias: ${huge}: larger than 256 MiB, the limit for this file\n`,
  });
});

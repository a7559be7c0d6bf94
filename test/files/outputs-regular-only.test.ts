/**
 * `compile -o` and `--refresh` replace only a regular file (or create one):
 * a FIFO, a device node, a directory or a symbolic link at the output path is
 * refused, naming it, and left as it was (a link's target too).
 */
import { execFileSync } from "node:child_process";
import { lstatSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const aliases = tmp.path("modules.alias");
writeFileSync(aliases, SMALL_ALIASES);
const isRoot = process.getuid?.() === 0;

it("refuses a FIFO", () => {
  const out = tmp.path("fifo.index");
  execFileSync("mkfifo", [out]);
  const run = modalias(["compile", aliases, "-o", out]);
  expect(run).toEqual({ status: 2, stdout: "", stderr: `modalias: ${out}: is a FIFO, not a regular file\n` });
  expect(lstatSync(out).isFIFO()).toBe(true);
});

// Only root may make a device node.
it.skipIf(!isRoot)("refuses a character device (never replaces a /dev/null)", () => {
  const out = tmp.path("null.index");
  execFileSync("mknod", [out, "c", "1", "3"]);
  const run = modalias(["compile", aliases, "-o", out]);
  expect(run.stderr).toBe(`modalias: ${out}: is a character device, not a regular file\n`);
  expect(lstatSync(out).isCharacterDevice()).toBe(true);
});

it("refuses a symbolic link, for compile -o and for --refresh", () => {
  const target = tmp.path("target.index");
  writeFileSync(target, "not yours\n");
  const out = tmp.path("link.index");
  symlinkSync(target, out);

  const compile = modalias(["compile", aliases, "-o", out]);
  expect(compile.stderr).toBe(`modalias: ${out}: is a symbolic link, not followed\n`);
  expect(compile.status).toBe(2);

  const refresh = modalias(["match", "--refresh", "--index", out, "--alias-file", aliases, "acpi:PNP0C0A:"]);
  expect(refresh.stdout).toBe("battery\n");
  expect(refresh.stderr).toContain(`could not refresh the index: ${out}: is a symbolic link, not followed`);
  expect(lstatSync(out).isSymbolicLink()).toBe(true);
  expect(readFileSync(target, "utf8")).toBe("not yours\n");
});

/**
 * An alias file that cannot be read (missing, a directory, unreadable) is a
 * clear `FILE: reason` error with exit status 2, for compile and match, and
 * compile then writes nothing.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const isRoot = process.getuid?.() === 0;

function expectRefused(file: string, reason: string): void {
  const out = tmp.path("out.index");
  const compile = modalias(["compile", file, "-o", out]);
  expect(compile).toEqual({ status: 2, stdout: "", stderr: `modalias: ${file}: ${reason}\n` });
  expect(existsSync(out)).toBe(false);
  const match = modalias(["match", "--alias-file", file, "acpi:PNP0C0A:"]);
  expect(match).toEqual({ status: 2, stdout: "", stderr: `modalias: ${file}: ${reason}\n` });
}

it("refuses a missing alias file (also one that vanished since it was named)", () => {
  expectRefused(tmp.path("gone.alias"), "no such file");
});

it("refuses a directory", () => {
  mkdirSync(tmp.path("dir.alias"));
  expectRefused(tmp.path("dir.alias"), "is a directory");
});

// root reads a file whatever its mode, so this cannot be observed as root.
it.skipIf(isRoot)("refuses an unreadable file", () => {
  const file = tmp.path("secret.alias");
  writeFileSync(file, SMALL_ALIASES);
  chmodSync(file, 0o000);
  expectRefused(file, "permission denied");
});

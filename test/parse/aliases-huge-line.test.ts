/**
 * Lines of several megabytes neither break the parser nor shift anything:
 * a huge valid pattern is cut as kmod cuts it (4095 chars) and still
 * matches, a huge malformed line is reported with its line number, and
 * every line around them keeps its number and its answer.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { expectSameAnswers } from "../helpers/compare.js";
import { LinearScan } from "../helpers/linear.js";

const HUGE = 5 * 1024 * 1024;
const text = Buffer.from(
  [
    "alias pci:v00008086d00001572sv*sd*bc*sc*i* i40e",
    `alias ${"x".repeat(HUGE)}* hugemod`,
    "garbage".repeat(HUGE / 7),
    "alias acpi*:PNP0C0A:* battery",
    "",
  ].join("\n"),
  "latin1",
);

it("compiles a file with multi-megabyte lines, losing only the malformed one", () => {
  const compiled = compileAliasText(text);
  expect(compiled.lines).toBe(4);
  expect(compiled.problems).toEqual([{ line: 3, reason: 'not an alias line (expected "alias PATTERN MODULE")' }]);
  const lookup = new AliasLookup(compiled.index);
  expect(lookup.best("pci:v00008086d00001572sv00000000sd00000000bc02sc00i00").best?.line).toBe(1);
  expect(lookup.best("acpi:PNP0C0A:").best?.line).toBe(4);
  // A key matching it is cut at 4095 bytes, and is then too long for kmod's name buffer with the module.
  expect(lookup.explain("x".repeat(HUGE + 10)).map((m) => m.module)).toEqual(["hugemod"]);
  expect(() => lookup.best("x".repeat(4095))).toThrow(/ENAMETOOLONG/);
  const linear = new LinearScan(text);
  for (const key of ["x".repeat(4094), `${"x".repeat(4094)}y`, "x".repeat(5000), "acpi:PNP0C0A:"])
    expectSameAnswers(lookup, linear, key);
});

/**
 * Keys are cut at 4095 characters, as kmod cuts them: keys that differ only
 * after that get the same answers, also when what follows would decide a
 * match, and a key longer than that is not an error.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { answersOf, expectSameAnswers } from "../helpers/compare.js";
import { LinearScan } from "../helpers/linear.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const text = Buffer.concat([
  SMALL_ALIASES,
  Buffer.from("alias pci:*end ends_in_end\nalias pci:* any_pci\nalias *x anything_x\n", "latin1"),
]);
const lookup = new AliasLookup(compileAliasText(text).index);
const linear = new LinearScan(text);
const base = "pci:v00008086d00001572sv00008086sd00000001bc02sc00i00";
const padded = base + "_".repeat(4095 - base.length);

it("gives keys that differ only after char 4095 the same answers", () => {
  expect(padded.length).toBe(4095);
  const answers = answersOf(lookup, padded);
  for (const tail of ["end", "x", "", "-[", "]", "*", "\u00e9".repeat(3000)]) {
    expect(answersOf(lookup, padded + tail), JSON.stringify(tail)).toEqual(answers);
    expect(lookup.explain(padded + tail), JSON.stringify(tail)).toEqual(lookup.explain(padded));
  }
  // What follows char 4095 never decides a match; what comes before does.
  const modules = (key: string): string[] => lookup.explain(key).map((m) => m.module);
  expect(modules(`${padded}end`)).toEqual(["any_pci", "i40e"]);
  expect(modules(`${padded.slice(0, -3)}end`)).toEqual(["ends_in_end", "any_pci", "i40e"]);
  // A key that long cannot be looked up with any module, as in kmod (ENAMETOOLONG); one that matches nothing can.
  expect(() => lookup.all(padded)).toThrow(/ENAMETOOLONG/);
  expect(lookup.all("y".repeat(10_000))).toEqual([]);
  for (const key of [padded, `${padded}end`, `${padded}x`, "x".repeat(10_000), "y".repeat(10_000)])
    expectSameAnswers(lookup, linear, key);
});

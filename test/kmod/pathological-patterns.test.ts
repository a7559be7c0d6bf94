/**
 * Patterns that make naive glob matchers backtrack exponentially (`***...*a`,
 * `*a*a*a*a*a*b`) give fnmatch's answers against the longest keys kmod looks
 * up (4095 chars), and the lines next to them keep working.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";

const text = Buffer.from(
  [
    `alias ${"*".repeat(2000)}a stars`,
    "alias *a*a*a*a*a*b alternating",
    `alias ${"*a".repeat(40)}*c many_a`,
    `alias ${"?*".repeat(100)}z questions`,
    "alias pci:v00008086d*sv*sd*bc*sc*i* intel",
    "",
  ].join("\n"),
  "latin1",
);
const lookup = new AliasLookup(compileAliasText(text).index);
const modules = (key: string): string[] => lookup.explain(key).map((m) => m.module);
const LONG = 4095;

it("answers as fnmatch does for backtracking-prone patterns against 4095-char keys", () => {
  expect(modules("b".repeat(LONG))).toEqual([]);
  expect(modules(`${"b".repeat(LONG - 1)}a`)).toEqual(["stars"]);
  expect(modules("a".repeat(LONG))).toEqual(["stars"]);
  expect(modules(`${"a".repeat(LONG - 1)}b`)).toEqual(["alternating"]);
  expect(modules(`${"a".repeat(LONG - 1)}c`)).toEqual(["many_a"]);
  expect(modules(`${"a".repeat(39)}c`)).toEqual([]);
  expect(modules(`${"a".repeat(LONG - 1)}z`)).toEqual(["questions"]);
  // cut at 4095 chars, "abab...ab" ends in "a"
  expect(modules("ab".repeat(LONG))).toEqual(["stars"]);
  expect(modules(`${"ab".repeat(2047)}b`)).toEqual(["alternating"]);
  expect(modules("pci:v00008086d00001572sv00000000sd00000000bc02sc00i00")).toEqual(["intel"]);
});

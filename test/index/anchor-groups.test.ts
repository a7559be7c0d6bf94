/**
 * The general structure reads the patterns of a key's anchor group and of every shorter anchor
 * the key starts with (general.ts): a key that starts with `dmi:` also meets the patterns
 * anchored at `dmi`, `d` and at nothing, and none of those of a sibling anchor (`dmx:`). Each
 * key is answered as the linear scan answers it, as compiled and after a trip through the
 * file format.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { decodeIndex, encodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { expectSameAnswers } from "../helpers/compare.js";
import { LinearScan } from "../helpers/linear.js";

const FILE = Buffer.from(
  [
    "alias dmi:bvn*Bar*:svn* four",
    "alias dmi*:svn*Foo*: three",
    "alias d*:wxyz:* one",
    "alias *:qrst:* none",
    "alias dmx:bvn*Bar* sibling",
    "alias dmi:bvn*Baz*:svn* four_other",
    "",
  ].join("\n"),
  "latin1",
);

const index = compileAliasText(FILE).index;
const lookups = [new AliasLookup(index), new AliasLookup(decodeIndex(encodeIndex({ aliases: index, builtin: null })))];
const linear = new LinearScan(FILE);

it("finds the patterns of every anchor a key starts with, in one reading of the key", () => {
  for (const lookup of lookups) {
    const key = "dmi:bvnBar:svnFoo:wxyz:qrst:";
    expect(
      lookup
        .all(key)
        .map((m) => m.module)
        .sort(),
    ).toEqual(["four", "none", "one", "three"]);
    expectSameAnswers(lookup, linear, key);
  }
});

it("finds the shorter anchors' patterns for a key with no group of its own", () => {
  for (const lookup of lookups) {
    for (const [key, modules] of [
      ["dmz:svnFoo:wxyz:qrst:", ["none", "one"]],
      ["dmiz:svnFoo:", ["three"]],
      ["x:qrst:", ["none"]],
      ["dmx:bvnBar", ["sibling"]],
      ["dmx:bvnBar:qrst:", ["none", "sibling"]],
    ] as const) {
      expect(
        lookup
          .all(key)
          .map((m) => m.module)
          .sort(),
        key,
      ).toEqual(modules);
      expectSameAnswers(lookup, linear, key);
    }
  }
});

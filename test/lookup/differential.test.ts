/**
 * The index answers exactly as a linear fnmatch scan of the same file, on
 * thousands of real device modaliases and keys made from the file's own
 * patterns: the best match, its ambiguity, and every matching module.
 */
import { describe, expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { decodeIndex, encodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { combinedAliases } from "../helpers/data.js";
import { patternKeys, pciKeys } from "../helpers/keys.js";
import { LinearScan } from "../helpers/linear.js";

const text = combinedAliases();
const linear = new LinearScan(text);
const lookup = new AliasLookup(decodeIndex(encodeIndex({ aliases: compileAliasText(text).index, builtin: null })));

function check(keys: string[]): number {
  let matched = 0;
  for (const key of keys) {
    const expected = linear.matches(key);
    const answer = lookup.best(key);
    if (expected.length === 0) {
      expect(answer.best, key).toBeNull();
      continue;
    }
    matched++;
    const top = expected[0]!;
    expect(
      answer.best && { module: answer.best.module, line: answer.best.line, pattern: answer.best.pattern },
      key,
    ).toEqual({
      module: top.module,
      line: top.line,
      pattern: top.pattern,
    });
    const tied = expected.some((l) => l.stars === top.stars && l.literals === top.literals && l.module !== top.module);
    expect(answer.ambiguous, key).toBe(tied);
    expect(
      lookup.all(key).map((m) => m.module),
      key,
    ).toEqual(linear.modules(expected));
    expect(
      lookup.explain(key).map((m) => m.line),
      key,
    ).toEqual(expected.map((l) => l.line));
  }
  return matched;
}

describe("index vs linear scan on the Debian 6.12 file + vfio variants", () => {
  it("agrees on 1,500 pci and vfio_pci modaliases built from pci.ids", () => {
    const matched = check(pciKeys(1500, 1));
    expect(matched).toBeGreaterThan(1000);
  }, 180_000);

  it("agrees on 2,000 keys made from the file's own patterns and near misses", () => {
    const matched = check(patternKeys(text, 1000, 2));
    expect(matched).toBeGreaterThan(1000);
  }, 180_000);
});

/**
 * Patterns that make a backtracking matcher take exponential time get the right answer
 * (correctness only; the matcher is polynomial by construction: O(|pattern| x |key|)).
 */
import { describe, expect, it } from "vitest";
import { compilePattern, fnmatch, matchPattern } from "../../src/kmod/fnmatch.js";

const many = (text: string, count: number) => text.repeat(count);

describe("pathological patterns", () => {
  it("handles many stars against a long key with no match", () => {
    expect(fnmatch(`${many("*a", 8)}*b`, many("a", 4000))).toBe(false);
    expect(fnmatch(`${many("*a", 40)}*b`, many("a", 4000))).toBe(false);
  });

  it("handles many stars against a long key that matches at the very end", () => {
    expect(fnmatch(`${many("*a", 8)}*b`, `${many("a", 4000)}b`)).toBe(true);
    expect(fnmatch(`${many("*a", 200)}*b`, `${many("a", 4000)}b`)).toBe(true);
  });

  it("handles long runs of brackets and ? after a star", () => {
    const key = many("ab", 2000);
    expect(fnmatch(`*${many("[ab]", 300)}c`, key)).toBe(false);
    expect(fnmatch(`*${many("[!c]?", 300)}`, key)).toBe(true);
    expect(fnmatch(`*${many("[a-b][[:alpha:]]*", 100)}x`, key)).toBe(false);
    expect(fnmatch(`${many("*[ab]", 500)}b`, key)).toBe(true);
  });

  it("handles brackets whose extent depends on the byte, with many stars", () => {
    const quirky = "[ba-[:x:]*]";
    const pattern = `${many(`*${quirky}`, 200)}Q`;
    expect(fnmatch(pattern, `${many("x]", 1500)}Q`)).toBe(true);
    expect(fnmatch(pattern, `${many("x", 3000)}Q`)).toBe(false);
    expect(fnmatch(`*${many(quirky, 100)}`, many("b", 4000))).toBe(true);
  });

  it("matches a long compiled pattern repeatedly", () => {
    const compiled = compilePattern(`${many("a*", 1000)}z`);
    const key = `${many("a", 4000)}z`;
    for (let i = 0; i < 20; i++) expect(matchPattern(compiled, key)).toBe(true);
    expect(matchPattern(compiled, many("a", 4000))).toBe(false);
  });
});

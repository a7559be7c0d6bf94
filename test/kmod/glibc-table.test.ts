/** fnmatch agrees with the committed table of real glibc results (data/fnmatch/glibc.json). */
import { describe, expect, it } from "vitest";
import { compilePattern, fnmatch, matchPattern } from "../../src/kmod/fnmatch.js";
import { isGlibcRow, readRows } from "../helpers/fixtures.js";

const rows = readRows("glibc.json", isGlibcRow);

describe("fnmatch against the glibc table", () => {
  it("has a table with matches and misses", () => {
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.some((row) => row.match)).toBe(true);
    expect(rows.some((row) => !row.match)).toBe(true);
  });

  it("gives glibc's answer on every row", () => {
    const wrong = rows.filter((row) => fnmatch(row.pattern, row.key) !== row.match);
    expect(wrong).toEqual([]);
  });

  it("gives the same answers through compilePattern and matchPattern, reusing compiled patterns", () => {
    const compiled = new Map<string, ReturnType<typeof compilePattern>>();
    const wrong = rows.filter((row) => {
      let pattern = compiled.get(row.pattern);
      if (pattern === undefined) {
        pattern = compilePattern(row.pattern);
        compiled.set(row.pattern, pattern);
      }
      return matchPattern(pattern, row.key) !== row.match;
    });
    expect(wrong).toEqual([]);
  });

  it.each([
    ["[!]a]", "b", true],
    ["[z-a]", "m", false],
    ["a[", "a[", true],
    ["{a,b}", "{a,b}", true],
    ["{a,b}", "a", false],
    ["*[ba-[:x:]*]Q", "xbQ", false],
    ["*[ba-[:x:]*]Q", "bQ", true],
  ])("keeps the reference example %j vs %j -> %s", (pattern, key, match) => {
    expect(fnmatch(pattern, key)).toBe(match);
    expect(rows.find((row) => row.pattern === pattern && row.key === key)?.match).toBe(match);
  });
});

/**
 * Normalization and matching together: kmod's answer for raw aliases and keys
 * (data/fnmatch/kmod.json: both normalized, an invalid one never matches, then glibc fnmatch).
 */
import { describe, expect, it } from "vitest";
import { fnmatch } from "../../src/kmod/fnmatch.js";
import { normalizeAlias } from "../../src/kmod/normalize.js";
import { isKmodRow, readRows } from "../helpers/fixtures.js";

function kmodMatches(alias: string, key: string): boolean {
  const pattern = normalizeAlias(alias);
  const normalized = normalizeAlias(key);
  return pattern.ok && normalized.ok && fnmatch(pattern.value, normalized.value);
}

const rows = readRows("kmod.json", isKmodRow);

describe("kmod lookups: normalize then match", () => {
  it("gives kmod's answer on every row of the table", () => {
    expect(rows.length).toBeGreaterThan(20);
    const wrong = rows.filter((row) => kmodMatches(row.alias, row.key) !== row.match);
    expect(wrong.map((row) => ({ ...row, alias: row.alias.slice(0, 60), key: row.key.slice(0, 60) }))).toEqual([]);
  });

  it.each([
    ["crypto-twofish", "crypto_twofish", true],
    ["crypto_twofish", "crypto-twofish", true],
    ["a[_-]b", "a-b", true],
    ["a-[0-9]", "a-5", true],
    ["[!]a]", "b", false],
    ["[]a]", "]", false],
    ["a[", "a[", false],
    ["[z-a]", "m", false],
    ["pci:v*d*", "pci:v1d2]", false],
  ])("alias %j and key %j: %s", (alias, key, match) => {
    expect(kmodMatches(alias, key)).toBe(match);
  });

  it("differs from plain fnmatch where normalization rejects or rewrites", () => {
    expect(fnmatch("[!]a]", "b")).toBe(true);
    expect(fnmatch("a[", "a[")).toBe(true);
    expect(fnmatch("crypto-twofish", "crypto_twofish")).toBe(false);
  });
});

/**
 * Differential property test: fnmatch against the real glibc fnmatch called in-process, on
 * patterns over the whole syntax and keys near them. 100,000 runs, or MODALIAS_PROPERTY_RUNS.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern, fnmatch, matchPattern } from "../../src/kmod/fnmatch.js";
import { normalizeAlias } from "../../src/kmod/normalize.js";
import { patternAndKeyArb } from "../helpers/arbitraries.js";
import { loadGlibc } from "../helpers/glibc.js";

const glibc = await loadGlibc();
const unavailable = typeof glibc === "string";
if (typeof glibc === "string") console.warn(`skipping the differential test against glibc: ${glibc}`);

const runs = Number(process.env.MODALIAS_PROPERTY_RUNS ?? "") || 100_000;

describe.skipIf(unavailable)("fnmatch against the C library's fnmatch", () => {
  const reference = typeof glibc === "string" ? null : glibc;

  it("calls a glibc that knows the reference examples", () => {
    expect(reference?.version).toMatch(/^glibc \d+\.\d+/);
    expect(reference?.fnmatch("[!]a]", "b")).toBe(true);
    expect(reference?.fnmatch("[z-a]", "m")).toBe(false);
  });

  it(`agrees on ${runs} generated pattern/key pairs`, () => {
    fc.assert(
      fc.property(patternAndKeyArb, ([pattern, key]) => {
        expect(fnmatch(pattern, key)).toBe(reference?.fnmatch(pattern, key));
      }),
      { numRuns: runs },
    );
  });

  it("agrees on kmod-normalized patterns and keys", () => {
    fc.assert(
      fc.property(patternAndKeyArb, ([rawPattern, rawKey]) => {
        const pattern = normalizeAlias(rawPattern);
        const key = normalizeAlias(rawKey);
        if (!pattern.ok || !key.ok) return;
        expect(matchPattern(compilePattern(pattern.value), key.value)).toBe(
          reference?.fnmatch(pattern.value, key.value),
        );
      }),
      { numRuns: Math.ceil(runs / 5) },
    );
  });
});

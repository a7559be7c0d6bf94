/**
 * Patterns of plain bytes and `*` only (most aliases) are matched by their parts between the
 * stars (fnmatch.ts matchParts): against the real glibc fnmatch on every such pattern of up to
 * 6 characters over `a`, `b` and `*`, and every key of up to 6 characters over `a` and `b`,
 * where parts overlap, repeat and meet at the key's ends.
 */
import { describe, expect, it } from "vitest";
import { compilePattern, fnmatch, matchPattern } from "../../src/kmod/fnmatch.js";
import { loadGlibc } from "../helpers/glibc.js";

const glibc = await loadGlibc();
if (typeof glibc === "string") console.warn(`skipping the comparison with glibc: ${glibc}`);

/** Every string of length 0..max over `alphabet`. */
function strings(alphabet: string, max: number): string[] {
  const out = [""];
  for (let at = 0; at < out.length; at++) {
    const s = out[at] as string;
    if (s.length < max) for (const c of alphabet) out.push(s + c);
  }
  return out;
}

describe.skipIf(typeof glibc === "string")("patterns of bytes and stars against glibc", () => {
  it("agrees on every pattern over a, b, * and key over a, b up to 6 characters", () => {
    if (typeof glibc === "string") return;
    const keys = strings("ab", 6);
    let compared = 0;
    for (const pattern of strings("ab*", 6)) {
      const compiled = compilePattern(pattern);
      for (const key of keys) {
        const expected = glibc.fnmatch(pattern, key);
        expect(fnmatch(pattern, key), `${pattern} ${key}`).toBe(expected);
        expect(matchPattern(compiled, key), `${pattern} ${key}`).toBe(expected);
        compared++;
      }
    }
    expect(compared).toBe(1093 * 127);
  });
});

/** analyzePattern: counts, exact keys and literal runs, and the runs' soundness. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzePattern, fnmatch } from "../../src/kmod/fnmatch.js";
import { mutateKey, patternArb, sampleKey } from "../helpers/arbitraries.js";

describe("analyzePattern", () => {
  it.each([
    ["pci:v00008086d00001234sv*sd*bc*sc*i*", 5, 31, ["pci:v00008086d00001234sv", "sd", "bc", "sc", "i"]],
    ["pci:v*d*sv*sd*bc02sc00i*", 5, 19, ["pci:v", "d", "sv", "sd", "bc02sc00i"]],
    [
      "usb:v0D96p410Ad00[1-9]*dc*dsc*dp*ic*isc*ip*in*",
      8,
      33,
      ["usb:v0D96p410Ad00", "dc", "dsc", "dp", "ic", "isc", "ip", "in"],
    ],
    ["acpi*:PNP0A08:*", 2, 13, ["acpi", ":PNP0A08:"]],
    ["of:N*T*Cfsl,imx6q_pcie", 2, 20, ["of:N", "T", "Cfsl,imx6q_pcie"]],
    [
      "dmi*:svn*DellComputerCorporation*:pn*X200*:",
      5,
      38,
      ["dmi", ":svn", "DellComputerCorporation", ":pn", "X200", ":"],
    ],
    ["dmi:*:[bs]vnD[Ee][Ll][Ll]*:*", 3, 9, ["dmi:", ":", "vnD", ":"]],
    ["mdio:0000001110100001101101001010????", 0, 33, ["mdio:0000001110100001101101001010"]],
    ["*", 1, 0, []],
    ["**?*", 3, 0, []],
    ["a\\*b*", 1, 3, ["a*b"]],
    ["[a][bc]?x[.][d]", 0, 4, ["a", "x.d"]],
  ])("reads %j: %d stars, %d literals, runs %j", (pattern, stars, literals, literalRuns) => {
    expect(analyzePattern(pattern)).toEqual({ stars, literals, exact: null, literalRuns });
  });

  it.each([
    ["crypto_twofish", "crypto_twofish"],
    ["a\\*b\\?", "a*b?"],
    ["a[b]c", "abc"],
    ["[[.a.]][[=b=]]", "ab"],
    ["x[", "x["],
    ["", ""],
  ])("gives %j the exact key %j", (pattern, exact) => {
    const facts = analyzePattern(pattern);
    expect(facts.exact).toBe(exact);
    expect(facts.stars).toBe(0);
    expect(facts.literals).toBe(exact.length);
    expect(facts.literalRuns).toEqual(exact === "" ? [] : [exact]);
  });

  it("stops at a token that can never match", () => {
    expect(analyzePattern("ab[[:foo:]]c*d")).toEqual({ stars: 0, literals: 2, exact: null, literalRuns: ["ab"] });
    expect(analyzePattern("ab\\")).toEqual({ stars: 0, literals: 2, exact: null, literalRuns: ["ab"] });
  });

  it("gives no runs when a bracket's extent depends on the byte", () => {
    const facts = analyzePattern("x[ba-[:x:]*]Qy*");
    expect(facts.exact).toBeNull();
    expect(facts.literalRuns).toEqual([]);
    expect(facts.stars).toBe(2);
  });

  it("gives sound facts: a matching key contains every run, and only the exact key matches", () => {
    fc.assert(
      fc.property(
        patternArb,
        fc.array(fc.nat(), { minLength: 8, maxLength: 24 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        (pattern, choices, mutation) => {
          const facts = analyzePattern(pattern);
          const sampled = sampleKey(pattern, choices);
          for (const key of [sampled, mutateKey(sampled, mutation)]) {
            if (facts.exact !== null) expect(fnmatch(pattern, key)).toBe(key === facts.exact);
            if (!fnmatch(pattern, key)) continue;
            let from = 0;
            for (const run of facts.literalRuns) {
              const at = key.indexOf(run, from);
              expect(at).toBeGreaterThanOrEqual(0);
              from = at + run.length;
            }
          }
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

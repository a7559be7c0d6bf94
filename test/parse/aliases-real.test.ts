/**
 * The real Debian 6.12 modules.alias parses without a single problem, with
 * kmod's normalization applied to patterns and module names.
 */
import { expect, it } from "vitest";
import { parseAliases } from "../../src/parse/aliases.js";
import { debianAliases } from "../helpers/data.js";

it("parses all 27,399 aliases of the Debian file, line numbers kept", () => {
  const parsed = parseAliases(debianAliases().toString("latin1"));
  expect(parsed.problems).toEqual([]);
  expect(parsed.lines).toBe(27400);
  expect(parsed.aliases).toHaveLength(27399);
  expect(parsed.aliases[0]).toEqual({
    line: 2,
    pattern: "cpu:type:x86,ven0000fam0006mod00DD:feature:*",
    normalized: "cpu:type:x86,ven0000fam0006mod00DD:feature:*",
    module: "intel_uncore",
  });
  const dashed = parsed.aliases.find((a) => a.pattern.includes("-") && !a.pattern.includes("["));
  expect(dashed).toBeDefined();
  expect(dashed!.normalized).toBe(dashed!.pattern.replaceAll("-", "_"));
});

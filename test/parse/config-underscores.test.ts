/**
 * Names and patterns: `-` becomes `_` except inside brackets, where the first
 * `]` closes; unmatched brackets make the line bad (kmod 30 ignores it).
 */
import { expect, it } from "vitest";
import { parseModprobeConfig } from "../../src/parse/modprobe-config.js";

it("turns - into _ outside brackets only, and rejects unmatched brackets", () => {
  const text = [
    "alias a-b[0-9]-c[x-] mod-name",
    "alias a[[-]-b m",
    "blacklist z[a-]-b-[c-d]-e",
    "alias p[a-b m",
    "alias a]-b m",
    "alias a[]-]-b m",
    "alias ok m[",
    "blacklist x]-y",
    "install m-[ /bin/true",
  ].join("\n");
  const parsed = parseModprobeConfig(text, "t.conf");
  expect(parsed.aliases.map((a) => [a.pattern, a.module])).toEqual([
    ["a_b[0-9]_c[x-]", "mod_name"],
    ["a[[-]_b", "m"],
  ]);
  expect(parsed.blacklists.map((b) => b.module)).toEqual(["z[a-]_b_[c-d]_e"]);
  expect(parsed.installs).toEqual([]);
  expect(parsed.problems.map((p) => p.line)).toEqual([4, 5, 6, 7, 8, 9]);
});

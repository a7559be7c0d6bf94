/**
 * Logical lines: a backslash-newline joins lines, and a record carries the
 * number of its logical line's first physical line; later lines keep counting.
 */
import { expect, it } from "vitest";
import { parseModprobeConfig } from "../../src/parse/modprobe-config.js";

it("joins continued lines and numbers each record by its first physical line", () => {
  const text = "alias a\\\n-b \\\n  m1\nblacklist x\n\\\n\nalias c m2";
  const parsed = parseModprobeConfig(text, "t.conf");
  expect(parsed.aliases).toEqual([
    { file: "t.conf", line: 1, pattern: "a_b", module: "m1" },
    { file: "t.conf", line: 7, pattern: "c", module: "m2" },
  ]);
  expect(parsed.blacklists).toEqual([{ origin: "file", file: "t.conf", line: 4, module: "x" }]);
  expect(parsed.problems).toEqual([]);
});

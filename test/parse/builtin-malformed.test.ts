/**
 * Records of modules.builtin.modinfo that are not usable aliases: an alias
 * with an unmatched bracket is reported with its record number and left
 * out (depmod leaves it out of modules.builtin.alias.bin), as is an empty
 * one; records of other keys, values with newlines and a missing final NUL
 * change nothing.
 */
import { expect, it } from "vitest";
import { parseBuiltinModinfo } from "../../src/parse/aliases.js";

it("reports an unmatched bracket and an empty alias by record, keeps the rest", () => {
  const text = [
    "a.alias=x[1",
    "a.description=two\nlines",
    "b-c.alias=ok-1",
    "d.alias=",
    "e.alias=y]",
    "f.alias=last",
  ].join("\0");
  const parsed = parseBuiltinModinfo(text);
  expect(parsed.aliases.map((a) => [a.line, a.module, a.pattern, a.normalized])).toEqual([
    [3, "b_c", "ok-1", "ok_1"],
    [6, "f", "last", "last"],
  ]);
  expect(parsed.problems.map((p) => p.line)).toEqual([1, 4, 5]);
  expect(parsed.problems[0]?.reason).toContain('"x[1" of a');
  expect(parsed.lines).toBe(6);
});

it("skips records without a module name or of another key", () => {
  const parsed = parseBuiltinModinfo(".alias=x\0m.aliasx=y\0m.parm=alias=z\0\0\0m.alias=ok\0");
  expect(parsed.aliases.map((a) => a.pattern)).toEqual(["ok"]);
  expect(parsed.lines).toBe(4);
});

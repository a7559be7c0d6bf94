/**
 * kmod reads each logical line as a C string: a NUL byte ends it, and the
 * rest of that line is lost.
 */
import { expect, it } from "vitest";
import { parseModprobeConfig } from "../../src/parse/modprobe-config.js";

it("ends a logical line at its first NUL", () => {
  const parsed = parseModprobeConfig("alias q\0z m\nalias r m\0tail\n\0alias s m\nblacklist t\n", "t.conf");
  expect(parsed.aliases.map((a) => [a.line, a.pattern, a.module])).toEqual([[2, "r", "m"]]);
  expect(parsed.blacklists.map((b) => [b.line, b.module])).toEqual([[4, "t"]]);
  expect(parsed.problems).toEqual([{ file: "t.conf", line: 1, reason: "ignoring bad line starting with 'alias'" }]);
});

/**
 * Only a `#` as a logical line's very first character makes a comment; after
 * blanks it is a command kmod does not know. Empty and blank lines are skipped.
 */
import { expect, it } from "vitest";
import { parseModprobeConfig } from "../../src/parse/modprobe-config.js";

it("skips comments at column 0 and reports a # after blanks as a bad line", () => {
  const text = "# alias a m\n\n \t \n  # alias b m\n\t#alias c m\nalias d m # not a comment\n";
  const parsed = parseModprobeConfig(text, "t.conf");
  expect(parsed.aliases.map((a) => [a.line, a.pattern, a.module])).toEqual([[6, "d", "m"]]);
  expect(parsed.problems).toEqual([
    { file: "t.conf", line: 4, reason: "ignoring bad line starting with '#'" },
    { file: "t.conf", line: 5, reason: "ignoring bad line starting with '#alias'" },
  ]);
});

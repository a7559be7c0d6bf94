/**
 * A backslash before anything but a newline is dropped and the character
 * after it kept as it is; a backslash as the file's last byte becomes 0xFF,
 * as kmod stores the EOF it reads after it.
 */
import { expect, it } from "vitest";
import { parseModprobeConfig } from "../../src/parse/modprobe-config.js";

it("drops a backslash and keeps the character it escapes", () => {
  const text = "alias a\\*b m\nalias c\\\\d m\nalias e\\ f m\nalias g m\\";
  const aliases = parseModprobeConfig(text, "t.conf").aliases.map((a) => [a.pattern, a.module]);
  expect(aliases).toEqual([
    ["a*b", "m"],
    ["c\\d", "m"],
    ["e", "f"],
    ["g", "m\xff"],
  ]);
});

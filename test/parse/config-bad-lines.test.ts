/**
 * Every command with a word missing, an unknown command, and the deprecated
 * `include` and `config` are reported with their line and kmod's wording,
 * and parsing goes on; extra words after a command's own are ignored.
 */
import { expect, it } from "vitest";
import { parseModprobeConfig } from "../../src/parse/modprobe-config.js";

it("reports bad and deprecated lines and keeps the good ones around them", () => {
  const text = [
    "alias",
    "alias onlypattern",
    "blacklist",
    "install m",
    "options m",
    "remove m",
    "softdep m",
    "include /etc/other.conf",
    "config x",
    "frobnicate m",
    "options m debug=1",
    "remove m /bin/true",
    "softdep m pre: n",
    "alias a m extra words",
    "blacklist b extra",
  ].join("\n");
  const parsed = parseModprobeConfig(text, "t.conf");
  const bad = (line: number, command: string) => ({
    file: "t.conf",
    line,
    reason: `ignoring bad line starting with '${command}'`,
  });
  expect(parsed.problems).toEqual([
    bad(1, "alias"),
    bad(2, "alias"),
    bad(3, "blacklist"),
    bad(4, "install"),
    bad(5, "options"),
    bad(6, "remove"),
    bad(7, "softdep"),
    { file: "t.conf", line: 8, reason: "command include is deprecated and not parsed anymore" },
    { file: "t.conf", line: 9, reason: "command config is deprecated and not parsed anymore" },
    bad(10, "frobnicate"),
  ]);
  expect(parsed.aliases).toEqual([{ file: "t.conf", line: 14, pattern: "a", module: "m" }]);
  expect(parsed.blacklists).toEqual([{ origin: "file", file: "t.conf", line: 15, module: "b" }]);
});

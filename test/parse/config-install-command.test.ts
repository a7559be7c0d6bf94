/**
 * An install command is the rest of the line after the one separator that
 * ends the module name, blanks and all (strtok_r(NULL, "\0")); nothing after
 * that separator makes a bad line.
 */
import { expect, it } from "vitest";
import { parseModprobeConfig } from "../../src/parse/modprobe-config.js";

it("keeps the command text exactly as kmod does", () => {
  const text =
    "install a-b /bin/true\ninstall m  \t /sbin/modprobe --ignore-install m-x \t \ninstall n \ninstall o  \n";
  const parsed = parseModprobeConfig(text, "t.conf");
  expect(parsed.installs).toEqual([
    { file: "t.conf", line: 1, module: "a_b", command: "/bin/true" },
    { file: "t.conf", line: 2, module: "m", command: " \t /sbin/modprobe --ignore-install m-x \t " },
    { file: "t.conf", line: 4, module: "o", command: " " },
  ]);
  expect(parsed.problems).toEqual([{ file: "t.conf", line: 3, reason: "ignoring bad line starting with 'install'" }]);
});

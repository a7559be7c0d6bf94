/**
 * `modprobe.blacklist=` on the kernel command line, as kmod 30 reads it:
 * names as written, split at commas, empty ones included, several
 * parameters, any blank as separator, quotes as kmod handles them.
 */
import { expect, it } from "vitest";
import { parseKernelCmdline } from "../../src/parse/modprobe-config.js";

const cases: [string, string, string[]][] = [
  ["names as written, commas, empty names", "quiet modprobe.blacklist=x-y,,z.w ro\n", ["x-y", "", "z.w"]],
  [
    "several parameters, an empty value",
    "modprobe.blacklist=a modprobe.blacklist= modprobe.blacklist=b",
    ["a", "", "b"],
  ],
  [
    "every C blank separates",
    "modprobe.blacklist=r\rmodprobe.blacklist=v\vmodprobe.blacklist=f\fmodprobe.blacklist=t\tx",
    ["r", "v", "f", "t"],
  ],
  ["a newline does not end the line", "modprobe.blacklist=a\nmodprobe.blacklist=b", ["a", "b"]],
  [
    "other parameters and near misses",
    "modprobe.blacklistx=a modprobe.blacklist.x=b Modprobe.blacklist=c mod.blacklist=d modprobe.blacklist",
    [],
  ],
  ["an = before the dot spoils it", "a=b.c modprobe.blacklist=ok", ["ok"]],
  ["quoted blanks inside a value", 'modprobe.blacklist=d"e f"g,h', ['d"e f"g', "h"]],
  ["a wholly quoted parameter moves its quote", '"modprobe.blacklist=a,b" c', ['"a', 'b"']],
  ["a quote before the value spoils it", 'modprobe."blacklist=c" mod"x".blacklist=d x', []],
  ["an unclosed quote in a value spoils it", 'modprobe.blacklist="a b', []],
  ["a quoted other parameter is skipped whole", 'x="a modprobe.blacklist=b" modprobe.blacklist=c', ["c"]],
  ["a NUL ends the line", "modprobe.blacklist=n1\0 modprobe.blacklist=n2", ["n1"]],
];

for (const [name, cmdline, expected] of cases) {
  it(name, () => {
    expect(parseKernelCmdline(cmdline)).toEqual(expected);
  });
}

it("reads only the first 4095 bytes, as kmod's buffer holds", () => {
  const tail = " modprobe.blacklist=abcdefghijklmnopq";
  expect(parseKernelCmdline("x".repeat(4060) + tail)).toEqual(["abcdefghijklmno"]);
  expect(parseKernelCmdline("x".repeat(4075) + tail)).toEqual([""]);
  expect(parseKernelCmdline("x".repeat(4076) + tail)).toEqual([]);
});

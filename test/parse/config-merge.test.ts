/**
 * The effective configuration: listing problems first, then each file's
 * records in read order, and the kernel command line's blacklist after the
 * files' blacklists, marked as coming from it.
 */
import { expect, it } from "vitest";
import { mergeConfig, parseModprobeConfig } from "../../src/parse/modprobe-config.js";

it("concatenates files in order and appends the command line's blacklist", () => {
  const first = parseModprobeConfig("blacklist a\nalias p1 m1\nbogus\n", "d/1.conf");
  const second = parseModprobeConfig("install i /bin/true\nblacklist b\nalias p2 m2\n", "d/2.conf");
  const config = mergeConfig({
    listingProblems: [{ file: "d/sub.conf", line: null, reason: "Directories inside directories are not supported" }],
    files: [first, second],
    kernelBlacklist: ["c-d"],
  });
  expect(config.files).toEqual(["d/1.conf", "d/2.conf"]);
  expect(config.blacklists).toEqual([
    { origin: "file", file: "d/1.conf", line: 1, module: "a" },
    { origin: "file", file: "d/2.conf", line: 2, module: "b" },
    { origin: "kernel command line", module: "c-d" },
  ]);
  expect(config.aliases.map((a) => [a.file, a.pattern])).toEqual([
    ["d/1.conf", "p1"],
    ["d/2.conf", "p2"],
  ]);
  expect(config.installs.map((i) => i.module)).toEqual(["i"]);
  expect(config.problems.map((p) => [p.file, p.line])).toEqual([
    ["d/sub.conf", null],
    ["d/1.conf", 3],
  ]);
});

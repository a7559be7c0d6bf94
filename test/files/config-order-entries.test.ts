/**
 * Which directory entries count: not dotfiles, only names ending in `.conf`
 * or `.alias`, and no directories (each reported); a single file counts
 * whatever its name; absent paths are skipped and unlistable ones reported.
 */
import { expect, it } from "vitest";
import { orderConfigFiles } from "../../src/files/config-files.js";

it("filters entries as kmod does and reports the ones it refuses", () => {
  const listing = orderConfigFiles([
    {
      kind: "directory",
      path: "d",
      entries: [
        { name: ".hidden.conf", isDirectory: false },
        { name: "notes.txt", isDirectory: false },
        { name: "x.CONF", isDirectory: false },
        { name: "conf", isDirectory: false },
        { name: "a.conf", isDirectory: false },
        { name: "b.alias", isDirectory: false },
        { name: "sub.conf", isDirectory: true },
        { name: "sub", isDirectory: true },
        { name: "c.conf.bak", isDirectory: false },
      ],
    },
    { kind: "absent", path: "missing" },
    { kind: "file", path: "other/.dot" },
    { kind: "unlistable", path: "locked", reason: "permission denied" },
    { kind: "directory", path: "e", entries: [{ name: "sub.conf", isDirectory: false }] },
  ]);
  expect(listing.files).toEqual(["other/.dot", "d/a.conf", "d/b.alias", "e/sub.conf"]);
  expect(listing.problems).toEqual([
    { file: "d/sub.conf", line: null, reason: "Directories inside directories are not supported" },
    { file: "locked", line: null, reason: "permission denied" },
  ]);
});

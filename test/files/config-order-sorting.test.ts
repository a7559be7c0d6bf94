/**
 * Files from all paths form one list sorted by base name byte by byte
 * (strcmp): upper case before `_` before lower case, and beyond ASCII by
 * UTF-8 bytes, not UTF-16 units (U+FF21 before U+1F600).
 */
import { expect, it } from "vitest";
import { orderConfigFiles } from "../../src/files/config-files.js";

const file = (name: string) => ({ name, isDirectory: false });

it("sorts every file by its base name's bytes, whatever path it came from", () => {
  const listing = orderConfigFiles([
    { kind: "directory", path: "d1", entries: [file("z.conf"), file("\uff21.conf"), file("a.alias")] },
    {
      kind: "directory",
      path: "d2",
      entries: [file("_u.conf"), file("B.conf"), file("a.conf"), file("\u{1f600}.conf")],
    },
    { kind: "file", path: "single/m.txt" },
  ]);
  expect(listing.files).toEqual([
    "d2/B.conf",
    "d2/_u.conf",
    "d1/a.alias",
    "d2/a.conf",
    "single/m.txt",
    "d1/z.conf",
    "d1/\uff21.conf",
    "d2/\u{1f600}.conf",
  ]);
});
